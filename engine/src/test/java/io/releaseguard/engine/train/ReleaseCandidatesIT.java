package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The release-candidate lifecycle over a real repository, checked with the git CLI. */
class ReleaseCandidatesIT extends RepositoryFixture {
    static String policy(boolean onePerGroup) {
        return """
                version: 1
                timezone: UTC
                environments:
                  - name: staging
                releaseCandidates:
                  scheme: "{year}.{minor}.{patch}-rc.{n}"
                  approvers:
                    product: [luis]
                    qa: [rafaella, luis]
                    platform: [jake]
                  oneApprovalPerGroup: %s
                """
                .formatted(onePerGroup);
    }

    @Override
    String start() {
        return "2026-04-02T09:00:00Z";
    }

    ReleaseCandidates rcs(boolean onePerGroup) throws Exception {
        return new ReleaseCandidates(
                ConfigLoader.parse(policy(onePerGroup), "release-guard.yaml", tmp),
                repo,
                new FileRcLedger(tmp.resolve("state")),
                state,
                clock);
    }

    @Test
    void cuttingAbandonsThePreviousCandidateAndFinalNeedsEveryGroup() throws Exception {
        ReleaseCandidates rcs = rcs(true);
        git.run("tag", "-a", "-m", "older", "2026.3.0-rc.1");
        git.run("tag", "2026.3.0-rc.x");
        RcStatus first = rcs.cut(Optional.empty(), Optional.empty(), "ci");
        assertThat(first.candidate()).isEqualTo("2026.4.0-rc.1");
        rcs.approve("luis", Optional.empty());

        String fixed = commit("fix from QA");
        RcStatus second = rcs.cut(Optional.empty(), Optional.empty(), "ci");
        assertThat(second.candidate()).isEqualTo("2026.4.0-rc.2");
        assertThat(second.abandoned()).containsExactly("2026.4.0-rc.1");
        assertThat(git.run("tag", "-l", "-n9", "2026.4.0-rc.2")).contains("supersedes: 2026.4.0-rc.1");

        ReleaseGuardException closed = catchRge(() -> rcs.approve("jake", Optional.of("2026.4.0-rc.1")));
        assertThat(closed.exitCode()).isEqualTo(ExitCode.BLOCKED);
        assertThat(closed.getMessage())
                .isEqualTo("RC_CLOSED: 2026.4.0-rc.1 is ABANDONED (superseded by 2026.4.0-rc.2)");
        ReleaseGuardException stranger = catchRge(() -> rcs.approve("mallory", Optional.empty()));
        assertThat(stranger.getMessage())
                .isEqualTo("NOT_APPROVER: mallory is in no approver group (platform, product, qa)");

        ReleaseGuardException invisible = catchRge(() -> rcs.approve("jake\u200b", Optional.empty()));
        assertThat(invisible.exitCode()).isEqualTo(ExitCode.INVALID);
        assertThat(invisible.getMessage()).startsWith("approver \"jake\\u200b\" contains U+200B");

        // luis sits in product and qa, but one person counts for one group only: qa stays missing.
        rcs.approve("ＬＵＩＳ", Optional.empty());
        RcStatus partial = rcs.approve("jake", Optional.empty());
        assertThat(partial.missing()).containsExactly("qa");
        ReleaseGuardException blocked = catchRge(() -> rcs.promote(Optional.empty(), "ci"));
        assertThat(blocked.getMessage())
                .isEqualTo("APPROVALS: 2 of 3 approver groups approved; missing: qa for 2026.4.0-rc.2"
                        + " (one person counts for one group only)");

        rcs.approve("rafaella", Optional.empty());
        RcStatus done = rcs.promote(Optional.empty(), "ci");
        assertThat(done.finalTag()).contains("2026.4.0");
        assertThat(git.run("rev-parse", "2026.4.0^{commit}")).isEqualTo(fixed);
        assertThat(git.run("rev-parse", "2026.4.0^{commit}")).isEqualTo(git.run("rev-parse", "2026.4.0-rc.2^{commit}"));
        assertThat(git.run("cat-file", "-p", "2026.4.0"))
                .contains("promoted-from: 2026.4.0-rc.2")
                .contains("approvals: platform=jake, product=luis, qa=rafaella");

        List<String> actions = state.audit().read().records().stream()
                .map(r -> r.entry().action() + " " + r.entry().subject() + " "
                        + r.entry().verdict())
                .toList();
        assertThat(actions)
                .contains(
                        "rc.cut 2026.4.0-rc.1 OPEN",
                        "rc.abandon 2026.4.0-rc.1 ABANDONED",
                        "rc.approve 2026.4.0-rc.2 APPROVED",
                        "rc.promote 2026.4.0-rc.2 BLOCKED",
                        "rc.promote 2026.4.0-rc.2 FINAL");

        RcStatus next = rcs.cut(Optional.empty(), Optional.empty(), "ci");
        assertThat(next.candidate()).isEqualTo("2026.5.0-rc.1");
    }

    @Test
    void aPersonInTwoGroupsCountsForBothWhenThePolicySaysSo() throws Exception {
        ReleaseCandidates rcs = rcs(false);
        rcs.cut(Optional.of("2026.7.1"), Optional.empty(), "ci");
        rcs.approve("luis", Optional.empty());
        RcStatus s = rcs.approve("jake", Optional.empty());
        assertThat(s.missing()).isEmpty();
        assertThat(rcs.promote(Optional.empty(), "ci").finalTag()).contains("2026.7.1");
        assertThat(git.run("describe", "--exact-match", "HEAD")).isIn("2026.7.1", "2026.7.1-rc.1");
    }

    static ReleaseGuardException catchRge(TrainsIT.Call call) {
        return TrainsIT.catchRge(call);
    }
}
