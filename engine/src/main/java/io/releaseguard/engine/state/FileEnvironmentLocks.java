package io.releaseguard.engine.state;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link EnvironmentLocks} as one JSON file per environment ({@code <dir>/<env>.json}) holding the last token issued
 * and the current holder, if any. Every read-modify-write runs under a {@link FileMutex} on {@code <dir>/.mutex}; the
 * OS drops that lock when a process dies, while the lease in the file outlives it until it expires by the clock.
 */
public final class FileEnvironmentLocks implements EnvironmentLocks {
    private static final JavaType LOCK_FILE = StateJson.type(LockFile.class);

    private final Path dir;
    private final Clock clock;
    private final FileMutex mutex;

    public FileEnvironmentLocks(Path locksDir, Clock clock) {
        this.dir = locksDir.toAbsolutePath().normalize();
        this.clock = clock;
        this.mutex = new FileMutex(dir.resolve(".mutex"));
    }

    /** The stored state of one environment's lock; {@code holder} is null when the lock is free. */
    record LockFile(String environment, long lastToken, String holder, Instant since, Instant expiresAt) {
        Optional<LockLease> liveAt(Instant now) {
            if (holder == null) {
                return Optional.empty();
            }
            LockLease lease = new LockLease(environment, holder, lastToken, since, expiresAt);
            return lease.expiredAt(now) ? Optional.empty() : Optional.of(lease);
        }
    }

    @Override
    public LockLease acquire(String environment, String holder, Duration lease) throws ReleaseGuardException {
        StateIds.requireSafe("promotion", holder);
        requirePositive(lease);
        Path file = file(environment);
        return mutex.guarded(file + ": cannot write", () -> {
            LockFile current = read(file, environment);
            Instant now = clock.instant();
            Optional<LockLease> live = current.liveAt(now);
            if (live.isPresent() && !live.get().holder().equals(holder)) {
                throw new LockHeldException(live.get());
            }
            // The holder acquiring again is a second run of the same promotion (a resume after a crash, or the same
            // command run twice): it gets a new token, so the earlier run, if it is still alive, is fenced off.
            LockLease granted = new LockLease(environment, holder, current.lastToken() + 1, now, now.plus(lease));
            write(file, granted);
            return granted;
        });
    }

    @Override
    public LockLease renew(LockLease held, Duration lease) throws ReleaseGuardException {
        requirePositive(lease);
        Path file = file(held.environment());
        return mutex.guarded(file + ": cannot write", () -> {
            LockFile current = read(file, held.environment());
            if (current.lastToken() != held.token() || !held.holder().equals(current.holder())) {
                throw new StaleLeaseException(describeLoss(held, current));
            }
            LockLease renewed = new LockLease(
                    held.environment(),
                    held.holder(),
                    held.token(),
                    current.since(),
                    clock.instant().plus(lease));
            write(file, renewed);
            return renewed;
        });
    }

    @Override
    public void release(LockLease held) throws ReleaseGuardException {
        Path file = file(held.environment());
        mutex.guarded(file + ": cannot write", () -> {
            LockFile current = read(file, held.environment());
            if (current.lastToken() == held.token() && held.holder().equals(current.holder())) {
                StateJson.write(file, new LockFile(held.environment(), held.token(), null, null, null));
            }
            return null;
        });
    }

    @Override
    public void checkFence(String environment, long token) throws ReleaseGuardException {
        Path file = file(environment);
        LockFile current = read(file, environment);
        if (token < current.lastToken()) {
            throw new StaleLeaseException("environment " + environment + ": fencing token " + token
                    + " is stale: token " + current.lastToken() + " was issued"
                    + (current.holder() == null ? "" : " to " + current.holder() + " at " + current.since())
                    + "; this writer lost its lock and must stop");
        }
        if (token > current.lastToken()) {
            throw new StaleLeaseException("environment " + environment + ": fencing token " + token
                    + " was never issued (latest is " + current.lastToken() + ")");
        }
    }

    @Override
    public Optional<LockLease> current(String environment) throws ReleaseGuardException {
        return read(file(environment), environment).liveAt(clock.instant());
    }

    private static String describeLoss(LockLease held, LockFile current) {
        String now = current.holder() == null
                ? "the lock is free (released)"
                : "token " + current.lastToken() + " is held by " + current.holder() + " since " + current.since();
        return "environment " + held.environment() + ": the lease of " + held.holder() + " (token " + held.token()
                + ") was lost: " + now;
    }

    private LockFile read(Path file, String environment) throws ReleaseGuardException {
        return StateJson.<LockFile>read(file, LOCK_FILE)
                .orElseGet(() -> new LockFile(environment, 0, null, null, null));
    }

    private static void write(Path file, LockLease lease) throws IOException {
        StateJson.write(
                file,
                new LockFile(lease.environment(), lease.token(), lease.holder(), lease.since(), lease.expiresAt()));
    }

    private Path file(String environment) throws ReleaseGuardException {
        return dir.resolve(StateIds.requireSafe("environment", environment) + ".json");
    }

    private static void requirePositive(Duration lease) throws ReleaseGuardException {
        if (Objects.requireNonNull(lease, "lease").isNegative() || lease.isZero()) {
            throw new ReleaseGuardException(ExitCode.INVALID, "lock lease must be positive, got " + lease);
        }
    }
}
