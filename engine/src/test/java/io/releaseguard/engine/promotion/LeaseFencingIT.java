package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.FileEnvironmentLocks;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIGSTOP case with real processes and a real clock: a promotion paused (kill -STOP) in the middle of its deploy
 * command until its 2 s lease is gone loses the lock to a newer promotion; once continued it writes nothing, exits 2
 * and says why, and {@code resume} then marks it SUPERSEDED without deploying. The deploy command sees each run's
 * fencing token in {@code RELEASE_GUARD_FENCE}.
 */
class LeaseFencingIT {
    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void aProcessPausedPastItsLeaseWritesNothingAfterItResumesAndIsSupersededOnResume() throws Exception {
        Path fifo = tmp.resolve("gate.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();
        Files.writeString(
                tmp.resolve("deploy.sh"),
                """
                #!/bin/sh
                echo "$1 $RELEASE_GUARD_FENCE" >> fences.log
                if [ "$1" = v1 ]; then
                  echo started > v1.started
                  read line < gate.fifo
                fi
                """);
        Path policy = tmp.resolve("release-guard.yaml");
        Files.writeString(
                policy,
                """
                version: 1
                environments:
                  - name: testnet
                    lockLease: 2s
                services:
                  - name: api
                    deploy: { command: "sh deploy.sh {release}" }
                """);
        Path stateDir = tmp.resolve("state");
        FileEnvironmentLocks locks = new FileEnvironmentLocks(stateDir.resolve("locks"), Clock.systemUTC());

        try (ChildJvm child = ChildJvm.start(Child.class, policy.toString(), stateDir.toString(), "v1")) {
            Eventually.until(
                    "v1's deploy command to start",
                    Duration.ofSeconds(90),
                    () -> Files.exists(tmp.resolve("v1.started")));
            signal("STOP", child.pid());
            Eventually.until("v1's lease to run out", Duration.ofSeconds(30), () -> locks.current("testnet")
                    .isEmpty());

            PromotionResult v2 = Child.promote(policy, stateDir, request("v2"));
            assertThat(v2.outcome()).as(v2.message()).isEqualTo(Outcome.SUCCEEDED);

            signal("CONT", child.pid());
            Files.writeString(fifo, "go\n");
            int code = child.waitFor();
            String out = child.readLine();

            assertThat(code).as(out + child.stderrText()).isEqualTo(2);
            assertThat(out)
                    .startsWith("error: environment testnet: ")
                    .contains("fencing token 1")
                    .contains("this promotion stopped before its next production call or state write");
        }
        assertThat(Files.readAllLines(tmp.resolve("fences.log"))).containsExactly("v1 1", "v2 2");
        FileStateStore state = new FileStateStore(stateDir, Clock.systemUTC());
        assertThat(state.lastSuccessful("testnet").map(Deployment::release)).contains("v2");
        assertThat(state.audit().read().records())
                .filteredOn(a -> a.action().equals("promotion.live"))
                .extracting(AuditRecord::reason)
                .containsExactly("v2 is live in testnet");

        List<PendingPromotion> interrupted = Promoter.interrupted(state, Optional.empty());
        assertThat(interrupted).extracting(PendingPromotion::release).containsExactly("v1");
        PromotionResult resumed = Child.promote(policy, stateDir, PromoteRequest.resuming(interrupted.get(0)));

        assertThat(resumed.exitCode().code()).isEqualTo(2);
        assertThat(resumed.message()).startsWith("SUPERSEDED: ").contains("put v2 live in testnet");
        assertThat(state.promotion(interrupted.get(0).id()).orElseThrow().status())
                .isEqualTo(PromotionStatus.SUPERSEDED);
        assertThat(Files.readAllLines(tmp.resolve("fences.log"))).containsExactly("v1 1", "v2 2");
    }

    private static PromoteRequest request(String release) {
        return new PromoteRequest(release, "testnet", "zoe", "tag:" + release, Optional.empty(), false);
    }

    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    /** The child: promotes one release with the real wiring (command deploys, real clock, real soaks). */
    public static final class Child {
        public static void main(String[] args) {
            try {
                PromotionResult r = promote(Path.of(args[0]), Path.of(args[1]), request(args[2]));
                System.out.println(r.outcome() + ": " + r.message());
                System.exit(r.exitCode().code());
            } catch (ReleaseGuardException e) {
                System.out.println("error: " + e.getMessage().replace('\n', ' '));
                System.exit(e.exitCode().code());
            }
        }

        static PromotionResult promote(Path policy, Path stateDir, PromoteRequest request)
                throws ReleaseGuardException {
            ReleaseGuardConfig config = ConfigLoader.load(policy);
            FileStateStore state = new FileStateStore(stateDir, Clock.systemUTC());
            try (PromotionWiring wiring = new PromotionWiring(
                    config, state, stateDir, Clock.systemUTC(), Map.of(), Soaker.SLEEP, line -> {})) {
                return new Promoter(wiring.context()).promote(request);
            }
        }
    }
}
