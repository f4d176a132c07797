package io.releaseguard.engine.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.Fence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The write-ahead journal of a promotion's production actions: before an action runs its key is journaled as
 * STARTED, after it succeeds as DONE (each line forced to disk). After a crash, {@link #state} tells which actions
 * finished, which never started and which were in flight, so a resumed promotion runs each step exactly once from
 * the receiver's point of view. A torn last line (a crash mid-append) is dropped on the next append. A journal opened
 * under the environment lock checks the lock's {@link Fence} before every append and hands its token to every deploy
 * call, so a run that lost its lock writes nothing more and deploys nothing more.
 */
public final class PromotionJournal {
    private final Path file;
    private final Clock clock;
    private final Map<StepKey, Entry> entries;
    private final Fence fence;

    private PromotionJournal(Path file, Clock clock, Map<StepKey, Entry> entries, Fence fence) {
        this.file = file;
        this.clock = clock;
        this.entries = entries;
        this.fence = fence;
    }

    /** Where the journal of promotion {@code id} lives under the state directory. */
    public static Path file(Path stateDir, String id) {
        return stateDir.resolve("promotions").resolve(id + ".journal.jsonl");
    }

    /**
     * Reads the journal once; afterwards this instance is the journal's only writer (the promotion holds the
     * environment lock), so lookups are answered from memory.
     */
    public static PromotionJournal open(Path file, Clock clock) throws ReleaseGuardException {
        return open(file, clock, Fence.NONE);
    }

    /** Reads the journal of a promotion that holds the environment lock behind {@code fence}. */
    public static PromotionJournal open(Path file, Clock clock, Fence fence) throws ReleaseGuardException {
        return new PromotionJournal(file, clock, read(file), fence);
    }

    /** Throws {@link io.releaseguard.engine.state.StaleLeaseException} if this run lost the environment lock. */
    public void checkFence() throws ReleaseGuardException {
        fence.check();
    }

    /** Where a step stands. */
    public enum Status {
        STARTED,
        DONE,
        FAILED
    }

    /** The last journaled status of a step and its detail. */
    public record Entry(StepKey key, Status status, String detail) {}

    /** Every step's latest status, in the order the steps were first journaled. */
    public synchronized Map<StepKey, Entry> entries() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    private static Map<StepKey, Entry> read(Path file) throws ReleaseGuardException {
        Map<StepKey, Entry> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    Entry e = parse(file, new String(bytes, start, i - start, StandardCharsets.UTF_8), start);
                    out.put(e.key(), e);
                    start = i + 1;
                }
            }
            return out;
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public synchronized Optional<Entry> state(StepKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** True when the step finished successfully (now or before a crash). */
    public synchronized boolean isDone(StepKey key) {
        Entry e = entries.get(key);
        return e != null && e.status() == Status.DONE;
    }

    /** True once any production call of the promotion (a deploy step or a rollback) was journaled, even one in flight. */
    public synchronized boolean anyProductionCall() {
        return entries.keySet().stream()
                .anyMatch(k -> k.step().startsWith("deploy") || k.step().equals("rollback"));
    }

    /**
     * One deploy call under its idempotency key ({@code request.key()}): skipped when already DONE (answering with
     * the recorded detail), otherwise journaled STARTED, sent, then journaled DONE or FAILED.
     */
    public DeployOutcome deployOnce(Deployer deployer, DeployRequest request) throws ReleaseGuardException {
        Optional<Entry> previous = state(request.key());
        if (previous.isPresent() && previous.get().status() == Status.DONE) {
            return new DeployOutcome(true, previous.get().detail());
        }
        started(request.key());
        DeployOutcome out = deployer.deploy(request.withFence(fence.token()));
        if (out.succeeded()) {
            done(request.key(), out.detail());
        } else {
            failed(request.key(), out.detail());
        }
        return out;
    }

    public void started(StepKey key) throws ReleaseGuardException {
        append(key, Status.STARTED, "");
    }

    public void done(StepKey key, String detail) throws ReleaseGuardException {
        append(key, Status.DONE, detail);
    }

    public void failed(StepKey key, String detail) throws ReleaseGuardException {
        append(key, Status.FAILED, detail);
    }

    private synchronized void append(StepKey key, Status status, String detail) throws ReleaseGuardException {
        fence.check();
        ObjectNode line = JsonReports.MAPPER.createObjectNode();
        line.put("key", key.id())
                .put("status", status.name())
                .put("at", clock.instant().toString());
        line.put("detail", detail);
        byte[] bytes = (JsonReports.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            boolean created = !Files.exists(file);
            Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                long end = completeLength(ch);
                if (end != ch.size()) {
                    ch.truncate(end);
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long at = end;
                while (buffer.hasRemaining()) {
                    at += ch.write(buffer, at);
                }
                ch.force(true);
            }
            entries.put(key, new Entry(key, status, detail));
            if (created) {
                AtomicFiles.syncDirectory(file.getParent());
            }
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** Length of the file up to and including its last newline: what survives a torn append. */
    private static long completeLength(FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (long pos = size - 1; pos >= 0; pos--) {
            one.clear();
            ch.read(one, pos);
            if (one.get(0) == '\n') {
                return pos + 1;
            }
        }
        return 0;
    }

    private static Entry parse(Path file, String line, int offset) throws ReleaseGuardException {
        try {
            JsonNode n = JsonReports.MAPPER.readTree(line);
            return new Entry(
                    StepKey.parse(n.get("key").asText()),
                    Status.valueOf(n.get("status").asText()),
                    n.path("detail").asText(""));
        } catch (IOException | RuntimeException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, file + ": byte " + offset + ": unreadable journal line: " + e.getMessage());
        }
    }
}
