package io.releaseguard.engine.regression;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link FollowupStore} as {@code followups.json} in the state directory, written like every state file ({@link
 * StateJson}: atomic replace, a corrupt file is an error naming it, never silently reset) under the state directory's
 * {@link FileMutex}, so concurrent processes never lose a schedule or a result.
 */
public final class FileFollowupStore implements FollowupStore {
    private static final JavaType FOLLOWUPS = StateJson.listOf(Followup.class);
    private static final Comparator<Followup> BY_DUE =
            Comparator.comparing(Followup::due).thenComparing(Followup::id);

    private final Path file;
    private final FileMutex mutex;

    public FileFollowupStore(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        this.file = dir.resolve("followups.json");
        this.mutex = new FileMutex(dir.resolve(".state.lock"));
    }

    @Override
    public List<Followup> schedule(
            String environment, String release, List<String> services, Instant deployedAt, List<Duration> offsets)
            throws ReleaseGuardException {
        return mutex.guarded(file + ": cannot write", () -> {
            List<Followup> all = new ArrayList<>(read());
            List<Followup> scheduled = new ArrayList<>();
            boolean changed = false;
            for (Duration offset : offsets) {
                String id = Followup.idFor(environment, release, offset);
                Optional<Followup> existing =
                        all.stream().filter(f -> f.id().equals(id)).findFirst();
                if (existing.isPresent()) {
                    scheduled.add(existing.get());
                    continue;
                }
                Followup f = new Followup(
                        id,
                        environment,
                        release,
                        services,
                        deployedAt,
                        offset,
                        deployedAt.plus(offset),
                        Optional.empty());
                all.add(f);
                scheduled.add(f);
                changed = true;
            }
            if (changed) {
                write(all);
            }
            return scheduled;
        });
    }

    @Override
    public List<Followup> due(Instant now) throws ReleaseGuardException {
        return all().stream()
                .filter(f -> f.result().isEmpty() && !f.due().isAfter(now))
                .toList();
    }

    @Override
    public List<Followup> all() throws ReleaseGuardException {
        return mutex.guarded(file + ": cannot read", this::read);
    }

    @Override
    public Followup record(String id, FollowupResult result) throws ReleaseGuardException {
        return mutex.guarded(file + ": cannot write", () -> {
            List<Followup> all = new ArrayList<>(read());
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(id)) {
                    Followup done = all.get(i).withResult(result);
                    all.set(i, done);
                    write(all);
                    return done;
                }
            }
            throw new ReleaseGuardException(ExitCode.INVALID, "no follow-up " + id + " is scheduled");
        });
    }

    private List<Followup> read() throws ReleaseGuardException {
        List<Followup> list =
                new ArrayList<>(StateJson.<List<Followup>>read(file, FOLLOWUPS).orElse(List.of()));
        list.sort(BY_DUE);
        return list;
    }

    private void write(List<Followup> all) throws IOException {
        List<Followup> sorted = new ArrayList<>(all);
        sorted.sort(BY_DUE);
        StateJson.write(file, sorted);
    }
}
