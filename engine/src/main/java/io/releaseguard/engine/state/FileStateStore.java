package io.releaseguard.engine.state;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditLog;
import io.releaseguard.engine.audit.FileAuditLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@link StateStore} as JSON files under a state directory (default {@value #DEFAULT_DIR}):
 * {@code state-format}, {@code environments/<env>/deployments.json}, {@code promotions/<id>.json} (the promotion and
 * its approvals), {@code audit.jsonl} and {@code locks/<env>.json}. Every file is replaced atomically, and every
 * read-modify-write runs under a {@link FileMutex} on {@code .state.lock}, so concurrent processes never lose an
 * update.
 */
public final class FileStateStore implements StateStore {
    /** The state directory used when none is given ({@code --state-dir}). */
    public static final String DEFAULT_DIR = ".release-guard";
    /** The layout version this code reads and writes. */
    public static final String FORMAT = "1";

    private static final JavaType DEPLOYMENTS = StateJson.listOf(Deployment.class);
    private static final JavaType PROMOTION_FILE = StateJson.type(PromotionFile.class);
    private static final Comparator<Deployment> BY_START =
            Comparator.comparing(Deployment::start).thenComparing(Deployment::id);

    private final Path dir;
    private final FileMutex mutex;
    private final FileAuditLog audit;
    private final FileEnvironmentLocks locks;

    /**
     * Opens the state directory; refuses one written in another format. Nothing is created until the first write, so
     * read-only commands ({@code plan}, {@code history}) never leave a state directory behind.
     */
    public FileStateStore(Path stateDir, Clock clock) throws ReleaseGuardException {
        this.dir = stateDir.toAbsolutePath().normalize();
        this.mutex = new FileMutex(dir.resolve(".state.lock"));
        this.audit = new FileAuditLog(dir.resolve("audit.jsonl"), clock);
        this.locks = new FileEnvironmentLocks(dir.resolve("locks"), clock);
        checkFormat();
    }

    /** The promotion file's content: the request and every decision on it, in order. */
    record PromotionFile(PendingPromotion promotion, List<ApprovalRecord> approvals) {
        PromotionFile {
            approvals = List.copyOf(approvals);
        }
    }

    @Override
    public List<Deployment> deployments(String environment) throws ReleaseGuardException {
        return StateJson.<List<Deployment>>read(deploymentsFile(environment), DEPLOYMENTS)
                .orElse(List.of());
    }

    @Override
    public Optional<Deployment> lastSuccessful(String environment) throws ReleaseGuardException {
        return deployments(environment).stream()
                .filter(d -> d.outcome() == Outcome.SUCCEEDED)
                .max(BY_START);
    }

    @Override
    public List<Deployment> history(Optional<String> environment) throws ReleaseGuardException {
        List<Deployment> all = new ArrayList<>();
        for (String env : environment.isPresent() ? List.of(environment.get()) : environments()) {
            all.addAll(deployments(env));
        }
        all.sort(BY_START.reversed());
        return all;
    }

    @Override
    public void recordDeployment(Deployment deployment) throws ReleaseGuardException {
        Path file = deploymentsFile(deployment.environment());
        mutex.guarded(file + ": cannot write", () -> {
            List<Deployment> updated = new ArrayList<>(deployments(deployment.environment()));
            updated.removeIf(d -> d.id().equals(deployment.id()));
            updated.add(deployment);
            updated.sort(BY_START);
            ensureFormat();
            StateJson.write(file, updated);
            return null;
        });
    }

    @Override
    public void savePromotion(PendingPromotion promotion) throws ReleaseGuardException {
        StateIds.requireSafe("environment", promotion.environment());
        Path file = promotionFile(promotion.id());
        mutex.guarded(file + ": cannot write", () -> {
            List<ApprovalRecord> approvals =
                    readPromotion(file).map(PromotionFile::approvals).orElse(List.of());
            ensureFormat();
            StateJson.write(file, new PromotionFile(promotion, approvals));
            return null;
        });
    }

    @Override
    public Optional<PendingPromotion> promotion(String id) throws ReleaseGuardException {
        return readPromotion(promotionFile(id)).map(PromotionFile::promotion);
    }

    @Override
    public List<PendingPromotion> promotions(Optional<String> environment) throws ReleaseGuardException {
        List<PendingPromotion> found = new ArrayList<>();
        for (Path file : list(dir.resolve("promotions"), "*.json")) {
            PendingPromotion promotion = readPromotion(file).orElseThrow().promotion();
            if (environment.isEmpty() || environment.get().equals(promotion.environment())) {
                found.add(promotion);
            }
        }
        found.sort(Comparator.comparing(PendingPromotion::createdAt).thenComparing(PendingPromotion::id));
        return found;
    }

    @Override
    public void addApproval(ApprovalRecord approval) throws ReleaseGuardException {
        Path file = promotionFile(approval.promotionId());
        mutex.guarded(file + ": cannot write", () -> {
            PromotionFile current = readPromotion(file)
                    .orElseThrow(() -> new ReleaseGuardException(
                            ExitCode.INVALID,
                            "promotion " + approval.promotionId() + " does not exist; cannot record the decision of "
                                    + approval.userId()));
            List<ApprovalRecord> approvals = new ArrayList<>(current.approvals());
            approvals.add(approval);
            ensureFormat();
            StateJson.write(file, new PromotionFile(current.promotion(), approvals));
            return null;
        });
    }

    @Override
    public List<ApprovalRecord> approvals(String promotionId) throws ReleaseGuardException {
        return readPromotion(promotionFile(promotionId))
                .map(PromotionFile::approvals)
                .orElse(List.of());
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public EnvironmentLocks locks() {
        return locks;
    }

    /** The state directory, absolute. */
    public Path directory() {
        return dir;
    }

    private Optional<PromotionFile> readPromotion(Path file) throws ReleaseGuardException {
        return StateJson.read(file, PROMOTION_FILE);
    }

    private Path deploymentsFile(String environment) throws ReleaseGuardException {
        return dir.resolve("environments")
                .resolve(StateIds.requireSafe("environment", environment))
                .resolve("deployments.json");
    }

    private Path promotionFile(String id) throws ReleaseGuardException {
        return dir.resolve("promotions").resolve(StateIds.requireSafe("promotion", id) + ".json");
    }

    private List<String> environments() throws ReleaseGuardException {
        List<String> names = new ArrayList<>();
        for (Path envDir : list(dir.resolve("environments"), "*")) {
            if (Files.isDirectory(envDir)) {
                names.add(envDir.getFileName().toString());
            }
        }
        names.sort(Comparator.naturalOrder());
        return names;
    }

    private static List<Path> list(Path directory, String glob) throws ReleaseGuardException {
        List<Path> paths = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, glob)) {
            stream.forEach(paths::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, directory + ": cannot list: " + e.getMessage(), e);
        }
        paths.sort(Comparator.naturalOrder());
        return paths;
    }

    /** Writes the format marker before the first write; callers hold the mutex. */
    private void ensureFormat() throws IOException {
        Path file = dir.resolve("state-format");
        if (!Files.exists(file)) {
            AtomicFiles.write(file, (FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void checkFormat() throws ReleaseGuardException {
        Path file = dir.resolve("state-format");
        if (!Files.exists(file)) {
            return;
        }
        mutex.guarded(file + ": cannot read", () -> {
            String found = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!found.equals(FORMAT)) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED,
                        file + ": state format \"" + found + "\" is not supported (this release-guard reads format "
                                + FORMAT + ")");
            }
            return null;
        });
    }
}
