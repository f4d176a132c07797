package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditLog;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.audit.ForwardingAuditLog;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.EnvironmentLocks;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.ForwardingStateStore;
import io.releaseguard.engine.state.LockLease;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails right after the deploy (a full disk) leaves state the next run completes: it writes the missing
 * records, releases the lock and says what was pending, without deploying again.
 */
class DurableFinishTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));
    private final List<String> deployed = new CopyOnWriteArrayList<>();
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private HttpHealthProbe probe;
    private ReleaseGuardConfig config;
    private FileStateStore state;

    @BeforeEach
    void setUp() throws Exception {
        probe = new HttpHealthProbe();
        config = ConfigLoader.parse(
                """
                version: 1
                environments:
                  - name: mainnet
                    lockLease: 15m
                services:
                  - name: api
                """,
                "policy.yaml",
                tmp);
        state = new FileStateStore(tmp.resolve("state"), clock);
    }

    @AfterEach
    void tearDown() {
        probe.close();
    }

    private PromotionResult promote(StateStore store, String release) throws Exception {
        return new Promoter(TestPromotions.context(
                        config,
                        store,
                        tmp.resolve("state"),
                        clock,
                        probe,
                        Map::of,
                        clock::advance,
                        Optional.empty(),
                        progress::add,
                        s -> r -> {
                            deployed.add(r.release());
                            return new DeployOutcome(!r.release().equals("broken"), "deployed " + r.release());
                        },
                        Optional.empty()))
                .promote(new PromoteRequest(release, "mainnet", "zoe", "tag:" + release, Optional.empty(), false));
    }

    @Test
    void aFailedAuditWriteAfterTheDeployIsWrittenByTheNextRunWhichSaysWhatWasPending() throws Exception {
        Failing disk = new Failing(state);
        disk.failAudit.set(true);

        assertThatThrownBy(() -> promote(disk, "v9"))
                .isInstanceOf(ReleaseGuardException.class)
                .hasMessageContaining("audit.jsonl: cannot write: No space left on device")
                .hasMessageContaining("v9 is live in mainnet, but not recorded yet: the promotion.live audit record,"
                        + " the live notification, the release of the mainnet lock, the promotion's status DONE;"
                        + " run the same promote (or resume) again to write them");
        assertThat(state.lastSuccessful("mainnet").map(Deployment::release)).contains("v9");
        assertThat(state.locks().current("mainnet")).as("released even so").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        PromotionResult again = promote(state, "v9");

        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(again.message())
                .isEqualTo("v9 is live in mainnet; wrote what an earlier run left pending: the promotion.live audit"
                        + " record, the live notification, the release of the mainnet lock, the promotion's status"
                        + " DONE");
        assertThat(progress).anySatisfy(line -> assertThat(line).contains("writing what it left pending"));
        assertThat(deployed).containsExactly("v9");
        assertThat(state.audit().read().records())
                .filteredOn(a -> a.action().equals("promotion.live"))
                .hasSize(1);
        assertThat(state.promotions(Optional.empty()))
                .extracting(PendingPromotion::status)
                .containsExactly(PromotionStatus.DONE);
        assertThat(state.locks().current("mainnet")).isEmpty();
        assertThat(state.audit().verify().ok()).isTrue();
        assertThat(promote(state, "v9").message())
                .contains("v9 is already live in mainnet")
                .contains("nothing to do");
    }

    @Test
    void aLockThatCouldNotBeReleasedIsReleasedByTheNextRun() throws Exception {
        Failing disk = new Failing(state);
        disk.failRelease.set(true);

        assertThatThrownBy(() -> promote(disk, "v9"))
                .hasMessageContaining("locks/mainnet.json: cannot write: No space left on device")
                .hasMessageContaining("not recorded yet: the release of the mainnet lock, the promotion's status DONE");
        assertThat(state.locks().current("mainnet")).isPresent();
        disk.failRelease.set(false);

        PromotionResult again = promote(state, "v9");

        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(state.locks().current("mainnet")).isEmpty();
        assertThat(promote(state, "v10").outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(deployed).containsExactly("v9", "v10");
        assertThat(state.audit().read().records())
                .filteredOn(a -> a.action().equals("promotion.live"))
                .extracting(AuditRecord::subject)
                .hasSize(2);
    }

    @Test
    void aRolledBackPromotionWhoseDoneWriteFailedIsClosedByTheNextRunWithoutDeployingAgain() throws Exception {
        assertThat(promote(state, "v9").outcome()).isEqualTo(Outcome.SUCCEEDED);
        Failing disk = new Failing(state);
        disk.failDone.set(true);

        assertThatThrownBy(() -> promote(disk, "broken")).hasMessageContaining("No space left on device");
        assertThat(deployed).containsExactly("v9", "broken", "v9");

        PromotionResult again = promote(state, "broken");

        assertThat(again.outcome()).as(again.message()).isEqualTo(Outcome.ROLLED_BACK);
        assertThat(again.message())
                .contains("ended ROLLED_BACK in an earlier run")
                .contains("nothing deployed again");
        assertThat(deployed).as("the failing release is not deployed again").containsExactly("v9", "broken", "v9");
        assertThat(state.promotions(Optional.empty()))
                .extracting(PendingPromotion::status)
                .containsOnly(PromotionStatus.DONE);
        assertThat(state.lastSuccessful("mainnet").map(Deployment::release)).contains("v9");
    }

    /** The real store, but the promotion.live audit append or the DONE write fails once, or lock releases fail. */
    private static final class Failing extends ForwardingStateStore {
        final AtomicBoolean failAudit = new AtomicBoolean();
        final AtomicBoolean failRelease = new AtomicBoolean();
        final AtomicBoolean failDone = new AtomicBoolean();

        Failing(StateStore real) {
            super(real);
        }

        @Override
        public void savePromotion(PendingPromotion promotion) throws ReleaseGuardException {
            if (promotion.status() == PromotionStatus.DONE && failDone.getAndSet(false)) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, "promotions/" + promotion.id() + ".json: No space left on device");
            }
            super.savePromotion(promotion);
        }

        @Override
        public AuditLog audit() {
            AuditLog log = delegate().audit();
            return new ForwardingAuditLog(log) {
                @Override
                public AuditRecord append(AuditEntry entry) throws ReleaseGuardException {
                    if (entry.action().equals("promotion.live") && failAudit.getAndSet(false)) {
                        throw new ReleaseGuardException(
                                ExitCode.UNEXPECTED, "audit.jsonl: cannot write: No space left on device");
                    }
                    return super.append(entry);
                }
            };
        }

        @Override
        public EnvironmentLocks locks() {
            EnvironmentLocks locks = delegate().locks();
            return new EnvironmentLocks() {
                @Override
                public LockLease acquire(String environment, String holder, Duration lease)
                        throws ReleaseGuardException {
                    return locks.acquire(environment, holder, lease);
                }

                @Override
                public LockLease renew(LockLease held, Duration lease) throws ReleaseGuardException {
                    return locks.renew(held, lease);
                }

                @Override
                public void release(LockLease held) throws ReleaseGuardException {
                    if (failRelease.get()) {
                        throw new ReleaseGuardException(
                                ExitCode.UNEXPECTED, "locks/mainnet.json: cannot write: No space left on device");
                    }
                    locks.release(held);
                }

                @Override
                public void checkFence(String environment, long token) throws ReleaseGuardException {
                    locks.checkFence(environment, token);
                }

                @Override
                public Optional<LockLease> current(String environment) throws ReleaseGuardException {
                    return locks.current(environment);
                }
            };
        }
    }
}
