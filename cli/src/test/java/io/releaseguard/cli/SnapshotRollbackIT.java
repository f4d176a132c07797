package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, local target: after several promotions in a row, a snapshot rollback (and {@code snapshot restore}
 * without {@code --id}) uses the snapshot taken right before the current deployment, so the target holds the release
 * before it; a second rollback goes one step further back; an automatic rollback restores the snapshot of the deploy
 * that failed.
 */
class SnapshotRollbackIT {
    @TempDir
    Path tmp;

    private RollbackStory story;

    @BeforeEach
    void policy() throws Exception {
        Files.createDirectories(tmp.resolve("srv"));
        Scripts.executable(tmp.resolve("deploy.sh"), RollbackStory.DEPLOY_SCRIPT);
        Path policy = Files.writeString(
                tmp.resolve("release-guard.yaml"),
                RollbackStory.policy("./deploy.sh {release} srv/app.env", "        dir: srv\n"));
        story = new RollbackStory(policy, tmp.resolve("state"), tmp.resolve("srv/app.env"));
    }

    @Test
    void afterThreePromotionsRollbackRestoresTheSecondAndASecondRollbackTheFirst() throws Exception {
        story.promote("r1", "r2", "r3");

        story.dryRunsName("r3", "r2");
        story.rollsBackTo("r3", "r2");
        story.historyShowsLive("r2");
        story.dryRunsName("r2", "r1");
        story.rollsBackTo("r2", "r1");
        story.historyShowsLive("r1");
    }

    @Test
    void afterFourPromotionsTwoRollbacksInARowGoBackTwoReleases() throws Exception {
        story.promote("r1", "r2", "r3", "r4");

        story.dryRunsName("r4", "r3");
        story.rollsBackTo("r4", "r3");
        story.rollsBackTo("r3", "r2");
        story.historyShowsLive("r2");

        story.closeReviews();
        story.promote("r5");
        story.dryRunsName("r5", "r2");
        story.rollsBackTo("r5", "r2");
    }

    @Test
    void anAutomaticRollbackRestoresTheSnapshotOfTheDeployThatFailed() throws Exception {
        story.promote("r1", "r2");

        CliRunner.Result failed = story.promoteFailing("r3-bad");

        assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(4);
        assertThat(failed.out()).contains("rolled back: restored snapshot ");
        assertThat(story.appRelease())
                .as("the snapshot taken before r3-bad holds r2")
                .isEqualTo("r2");
        story.historyShowsLive("r2");
        story.rollsBackTo("r2", "r1");
    }

    @Test
    void afterAnAutomaticRollbackOfTheFourthAManualRollbackGoesBackFromTheThird() throws Exception {
        story.promote("r1", "r2", "r3");

        CliRunner.Result failed = story.promoteFailing("r4-bad");

        assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(4);
        assertThat(story.appRelease()).isEqualTo("r3");
        story.dryRunsName("r3", "r2");
        story.rollsBackTo("r3", "r2");
        story.rollsBackTo("r2", "r1");
    }
}
