package io.releaseguard.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.ChildMain;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileEnvironmentLocksTest {
    private static final Duration LEASE = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private FileEnvironmentLocks locks() {
        return new FileEnvironmentLocks(dir, clock);
    }

    @Test
    void aSecondPromotionIsRefusedWithWhoHoldsTheLockAndUntilWhen() throws Exception {
        LockLease first = locks().acquire("mainnet", "promo-20261122-ab12", LEASE);
        clock.advance(Duration.ofMinutes(3));

        assertThat(first.token()).isEqualTo(1);
        assertThatThrownBy(() -> locks().acquire("mainnet", "promo-20261122-cd34", LEASE))
                .isInstanceOfSatisfying(LockHeldException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.BLOCKED);
                    assertThat(e.held()).isEqualTo(first);
                })
                .hasMessage("environment mainnet is locked: held by promo-20261122-ab12 since 2026-11-22T10:00:00Z"
                        + " (lease expires 2026-11-22T10:15:00Z)");
    }

    @Test
    void environmentsAreLockedIndependently() throws Exception {
        locks().acquire("mainnet", "promo-a", LEASE);

        assertThat(locks().acquire("staging", "promo-b", LEASE).token()).isEqualTo(1);
    }

    @Test
    void theHolderMayAcquireAgainToResumeAndItsEarlierRunIsFenced() throws Exception {
        LockLease first = locks().acquire("mainnet", "promo-a", LEASE);
        clock.advance(Duration.ofMinutes(10));

        LockLease resumed = locks().acquire("mainnet", "promo-a", LEASE);

        assertThat(resumed.token()).isEqualTo(first.token() + 1);
        assertThat(resumed.expiresAt()).isEqualTo(Instant.parse("2026-11-22T10:25:00Z"));
        assertThatThrownBy(() -> locks().checkFence("mainnet", first.token())).isInstanceOf(StaleLeaseException.class);
        assertThatThrownBy(() -> locks().renew(first, LEASE)).isInstanceOf(StaleLeaseException.class);
    }

    @Test
    void anExpiredLeaseIsTakenOverWithAHigherTokenAndTheOldTokenIsFenced() throws Exception {
        LockLease old = locks().acquire("mainnet", "promo-a", LEASE);
        clock.advance(LEASE);

        LockLease taken = locks().acquire("mainnet", "promo-b", LEASE);

        assertThat(taken.token()).isGreaterThan(old.token());
        locks().checkFence("mainnet", taken.token());
        assertThatThrownBy(() -> locks().checkFence("mainnet", old.token()))
                .isInstanceOf(StaleLeaseException.class)
                .hasMessage("environment mainnet: fencing token 1 is stale: token 2 was issued to promo-b at"
                        + " 2026-11-22T10:15:00Z; this writer lost its lock and must stop");
        assertThatThrownBy(() -> locks().renew(old, LEASE))
                .isInstanceOf(StaleLeaseException.class)
                .hasMessage("environment mainnet: the lease of promo-a (token 1) was lost: token 2 is held by promo-b"
                        + " since 2026-11-22T10:15:00Z");
    }

    @Test
    void tokensKeepIncreasingAcrossReleasesAndInstances() throws Exception {
        List<Long> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            LockLease lease = new FileEnvironmentLocks(dir, clock).acquire("mainnet", "promo-" + i, LEASE);
            tokens.add(lease.token());
            new FileEnvironmentLocks(dir, clock).release(lease);
        }

        assertThat(tokens).containsExactly(1L, 2L, 3L);
        assertThat(locks().current("mainnet")).isEmpty();
        assertThatThrownBy(() -> locks().checkFence("mainnet", 4))
                .isInstanceOf(StaleLeaseException.class)
                .hasMessage("environment mainnet: fencing token 4 was never issued (latest is 3)");
    }

    @Test
    void renewExtendsFromNowAndReleaseNeverFreesAnotherHoldersLock() throws Exception {
        LockLease lease = locks().acquire("mainnet", "promo-a", LEASE);
        clock.advance(Duration.ofMinutes(14));

        LockLease renewed = locks().renew(lease, LEASE);
        clock.advance(Duration.ofMinutes(14));

        assertThat(renewed.expiresAt()).isEqualTo(Instant.parse("2026-11-22T10:29:00Z"));
        assertThat(locks().current("mainnet")).hasValue(renewed);
        LockLease impostor = new LockLease("mainnet", "promo-b", renewed.token(), renewed.since(), renewed.expiresAt());
        locks().release(impostor);
        assertThat(locks().current("mainnet")).hasValue(renewed);
        locks().release(renewed);
        assertThat(locks().current("mainnet")).isEmpty();
    }

    @Test
    void refusesUnsafeNamesAndNonPositiveLeases() {
        assertThatThrownBy(() -> locks().acquire("../etc", "promo-a", LEASE))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID));
        assertThatThrownBy(() -> locks().acquire("mainnet", "promo-a", Duration.ZERO))
                .hasMessage("lock lease must be positive, got PT0S");
    }

    @Test
    void aCorruptLockFileIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("mainnet.json"), "{\"environment\": \"mainnet\", \"lastToken\": ");

        assertThatThrownBy(() -> locks().acquire("mainnet", "promo-a", LEASE))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.UNEXPECTED))
                .hasMessageStartingWith(dir.resolve("mainnet.json") + ":1:")
                .hasMessageContaining("corrupt state file");
    }

    @Test
    void racingInstancesGrantTheLockToExactlyOne() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < contenders; i++) {
            String holder = "promo-" + i;
            FileEnvironmentLocks own = locks();
            results.add(pool.submit(() -> {
                start.await();
                try {
                    own.acquire("mainnet", holder, LEASE);
                    return true;
                } catch (LockHeldException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int winners = 0;
        for (Future<Boolean> result : results) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(locks().current("mainnet"))
                .hasValueSatisfying(l -> assertThat(l.token()).isEqualTo(1));
    }

    @Test
    @Timeout(60)
    void aLockLeftByAKilledProcessExpiresAfterItsLease() throws Exception {
        String[] acknowledged;
        try (ChildJvm child =
                ChildJvm.start(ChildMain.class, "hold-lock", dir.toString(), "mainnet", "promo-child", "60")) {
            acknowledged = child.readLine().split(" ");
            child.kill();
        }
        long childToken = Long.parseLong(acknowledged[0]);
        Instant since = Instant.parse(acknowledged[1]);
        Instant expiresAt = Instant.parse(acknowledged[2]);
        clock.set(since.plusSeconds(30));

        assertThat(locks().current("mainnet"))
                .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("promo-child"));
        assertThatThrownBy(() -> locks().acquire("mainnet", "promo-next", LEASE))
                .isInstanceOf(LockHeldException.class)
                .hasMessage("environment mainnet is locked: held by promo-child since " + since + " (lease expires "
                        + expiresAt + ")");

        clock.set(expiresAt);
        LockLease taken = locks().acquire("mainnet", "promo-next", LEASE);

        assertThat(taken.token()).isEqualTo(childToken + 1);
        assertThatThrownBy(() -> locks().checkFence("mainnet", childToken)).isInstanceOf(StaleLeaseException.class);
    }
}
