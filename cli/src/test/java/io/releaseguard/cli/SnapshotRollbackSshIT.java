package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.Scripts;
import io.releaseguard.engine.testing.SshHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18 over SSH: the same operator session as {@link SnapshotRollbackIT}, with the service's target on a host
 * reached through a bastion (two real OpenSSH daemons on loopback, host keys checked against known_hosts). The deploy
 * command, the snapshot reads and the restore writes all go over SSH.
 */
class SnapshotRollbackSshIT {
    @TempDir
    static Path tmp;

    private static SshHosts hosts;

    @BeforeAll
    static void startDaemons() throws Exception {
        hosts = SshHosts.start(tmp);
    }

    @AfterAll
    static void stopDaemons() {
        if (hosts != null) {
            hosts.close();
        }
    }

    /** A target folder and state of the test's own, under one policy next to the shared key and known_hosts. */
    private static RollbackStory story(TestInfo test) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        Path dir = Files.createDirectories(tmp.resolve("srv-" + name));
        Scripts.executable(dir.resolve("deploy.sh"), RollbackStory.DEPLOY_SCRIPT);
        Path policy = Files.writeString(
                tmp.resolve(name + ".yaml"),
                RollbackStory.policy("./deploy.sh {release} app.env", hosts.targetYaml(dir, "known_hosts", 8)));
        return new RollbackStory(policy, tmp.resolve("state-" + name), dir.resolve("app.env"));
    }

    @Test
    void afterThreePromotionsRollbackRestoresTheSecondAndASecondRollbackTheFirst(TestInfo test) throws Exception {
        RollbackStory story = story(test);
        story.promote("r1", "r2", "r3");

        story.dryRunsName("r3", "r2");
        story.rollsBackTo("r3", "r2");
        story.historyShowsLive("r2");
        story.dryRunsName("r2", "r1");
        story.rollsBackTo("r2", "r1");
        story.historyShowsLive("r1");
        hosts.bastion().await("direct-tcpip");
    }

    @Test
    void afterFourPromotionsAndAFailedFifthTwoRollbacksInARowGoBackTwoReleases(TestInfo test) throws Exception {
        RollbackStory story = story(test);
        story.promote("r1", "r2", "r3", "r4");

        CliRunner.Result failed = story.promoteFailing("r5-bad");

        assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(4);
        assertThat(failed.out()).contains("snapshot taken before r5-bad — holds r4's files");
        assertThat(story.appRelease()).as("the automatic rollback restored r4").isEqualTo("r4");
        story.dryRunsName("r4", "r3");
        story.rollsBackTo("r4", "r3");
        story.rollsBackTo("r3", "r2");
        story.historyShowsLive("r2");
    }
}
