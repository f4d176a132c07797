package io.releaseguard.jenkins.policy;

import static io.releaseguard.jenkins.TestPolicies.MARKUP_KEY;
import static io.releaseguard.jenkins.TestPolicies.MARKUP_KEY_PROBLEM;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static io.releaseguard.jenkins.TestPolicies.THREE_MISTAKES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.PolicySize;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySourceTest {
    private static final Path HOME = Path.of("/var/jenkins_home");

    @Test
    void configDefaultsToTheStandardFile() throws Exception {
        assertEquals("release-guard.yaml", PolicySource.requireWorkspacePath(null));
        assertEquals("release-guard.yaml", PolicySource.requireWorkspacePath("  "));
        assertEquals("deploy/policy.yaml", PolicySource.requireWorkspacePath(" deploy/policy.yaml "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\p.yaml", "C:\\policy.yaml", "c:/policy.yaml"})
    void absoluteConfigPathsAreRefused(String path) {
        ReleaseGuardException e =
                assertThrows(ReleaseGuardException.class, () -> PolicySource.requireWorkspacePath(path));
        assertEquals("config: '" + path + "' must be a path relative to the workspace", e.getMessage());
        assertEquals(ExitCode.INVALID, e.exitCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../release-guard.yaml", "deploy/../../x.yaml", "deploy\\..\\..\\x.yaml", ".."})
    void configPathsLeavingTheWorkspaceAreRefused(String path) {
        ReleaseGuardException e =
                assertThrows(ReleaseGuardException.class, () -> PolicySource.requireWorkspacePath(path));
        assertEquals("config: '" + path + "' must stay inside the workspace (no '..')", e.getMessage());
    }

    @Test
    void workspaceFileIsReportedUnderItsRelativePathAndResolvesBesideItself() throws Exception {
        PolicySource source = PolicySource.fromWorkspace("deploy/policy.yaml", "/ws/job", utf8(MINIMAL));

        assertEquals(new PolicySource(MINIMAL, "deploy/policy.yaml", Path.of("/ws/job/deploy"), "/ws/job"), source);
        assertTrue(source.fromWorkspace(), "a workspace policy is confined to its workspace");
        assertEquals(2, source.load().environments().size());
    }

    @Test
    void oversizedWorkspaceFileIsRefusedWithoutReadingItAll() {
        byte[] big = new byte[PolicySize.MAX_BYTES + 1];
        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class,
                () -> PolicySource.fromWorkspace("release-guard.yaml", "/ws", new ByteArrayInputStream(big)));
        assertEquals(
                "release-guard.yaml:1:1 is more than 1048576 bytes; a policy may be at most 1048576 bytes (1 MiB),"
                        + " so it was not parsed",
                e.getMessage());
    }

    @Test
    void oversizedGlobalPolicyIsRefusedBeforeParsingByTheSameRule() {
        String big = "version: 1\n# " + "x".repeat(PolicySize.MAX_BYTES) + "\n";

        assertEquals(
                List.of("releaseGuard.policyYaml:1:1 is " + (big.length()) + " bytes; a policy may be at most 1048576"
                        + " bytes (1 MiB), so it was not parsed"),
                PolicySource.globalProblems(big, HOME));
    }

    @Test
    void workspaceFileMustBeUtf8() {
        byte[] latin1 = "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class,
                () -> PolicySource.fromWorkspace("release-guard.yaml", "/ws", new ByteArrayInputStream(latin1)));
        assertEquals("release-guard.yaml:1:1 is not valid UTF-8", e.getMessage());
    }

    @Test
    void globalPolicyIsReportedUnderItsJcascKeyAndResolvesAgainstJenkinsHome() throws Exception {
        assertEquals(
                new PolicySource(MINIMAL, "releaseGuard.policyYaml", HOME),
                PolicySource.fromGlobal("release-guard.yaml", "/ws", MINIMAL, HOME));
    }

    @Test
    void withoutFileOrGlobalPolicyTheMessageNamesBothPlaces() {
        ReleaseGuardException inWorkspace = assertThrows(
                ReleaseGuardException.class, () -> PolicySource.fromGlobal("release-guard.yaml", "/ws", " ", HOME));
        assertEquals(
                "no release-guard.yaml in workspace /ws and no global release policy is configured (Manage Jenkins"
                        + " > System > Release Guard, or JCasC unclassified.releaseGuard.policyYaml)",
                inWorkspace.getMessage());
        assertEquals(ExitCode.INVALID, inWorkspace.exitCode());

        ReleaseGuardException outsideNode = assertThrows(
                ReleaseGuardException.class, () -> PolicySource.fromGlobal("release-guard.yaml", null, null, HOME));
        assertEquals(
                "no workspace to read release-guard.yaml from (run the step inside node { }) and no global release"
                        + " policy is configured (Manage Jenkins > System > Release Guard, or JCasC"
                        + " unclassified.releaseGuard.policyYaml)",
                outsideNode.getMessage());
    }

    @Test
    void emptyGlobalPolicyHasNoProblems() {
        assertEquals(List.of(), PolicySource.globalProblems(null, HOME));
        assertEquals(List.of(), PolicySource.globalProblems("\n  \n", HOME));
        assertEquals(List.of(), PolicySource.globalProblems(MINIMAL, HOME));
    }

    @Test
    void globalProblemsListEveryProblemWithItsLocation() {
        assertEquals(
                List.of(
                        "releaseGuard.policyYaml:2:11 timezone: \"Europe/Berlinn\" is not a time zone (IANA name such"
                                + " as Europe/Berlin, or UTC)",
                        "releaseGuard.policyYaml:9:13 environments[1].windows[0].to: \"25:00\" is not a time of day"
                                + " (HH:MM)",
                        "releaseGuard.policyYaml:10:5 environments[1].minIntervall: unknown key; did you mean"
                                + " 'minInterval'?"),
                PolicySource.globalProblems(THREE_MISTAKES, HOME));
    }

    @Test
    void problemsEchoThePolicyTextVerbatimForTheViewToEscape() {
        assertEquals(
                List.of("releaseGuard.policyYaml:" + MARKUP_KEY_PROBLEM),
                PolicySource.globalProblems(MARKUP_KEY, HOME));
    }

    private static ByteArrayInputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void promotionsReadAWorkspaceFileOnlyWhereAnAdministratorAllowedIt() throws Exception {
        assertEquals(
                Optional.of("release-guard.yaml"),
                PolicySource.promotionWorkspacePath("releaseGuardPromote", null, true));
        assertEquals(
                Optional.of("deploy/policy.yaml"),
                PolicySource.promotionWorkspacePath("releaseGuardPromote", "deploy/policy.yaml", true));
        assertEquals(Optional.empty(), PolicySource.promotionWorkspacePath("releaseGuardPromote", null, false));

        ReleaseGuardException named = assertThrows(
                ReleaseGuardException.class,
                () -> PolicySource.promotionWorkspacePath("releaseGuardPromote", "release-guard.yaml", false));
        ReleaseGuardException escaping = assertThrows(
                ReleaseGuardException.class,
                () -> PolicySource.promotionWorkspacePath("releaseGuardPromote", "../x.yaml", true));

        assertEquals(
                "releaseGuardPromote: config: 'release-guard.yaml' is not used: promotions on this controller run"
                        + " under the global release policy (an administrator can allow workspace policy files for"
                        + " promotions under Manage Jenkins > System > Release Guard)",
                named.getMessage());
        assertEquals(ExitCode.INVALID, named.exitCode());
        assertEquals("config: '../x.yaml' must stay inside the workspace (no '..')", escaping.getMessage());
    }

    @Test
    void withoutAGlobalPolicyAPromotionSaysWhereToConfigureIt() throws Exception {
        ReleaseGuardException e =
                assertThrows(ReleaseGuardException.class, () -> PolicySource.globalForPromotion(" ", HOME));

        assertEquals(
                "no global release policy is configured (Manage Jenkins > System > Release Guard, or JCasC"
                        + " unclassified.releaseGuard.policyYaml); promotions run under it unless an administrator"
                        + " allows workspace policy files for promotions",
                e.getMessage());
        assertEquals(
                new PolicySource(MINIMAL, "releaseGuard.policyYaml", HOME),
                PolicySource.globalForPromotion(MINIMAL, HOME));
    }

    @Test
    void aGlobalPolicyRefReadsTheCurrentPolicyAndASnapshotKeepsItsText() throws Exception {
        PolicySource workspace = new PolicySource(MINIMAL, "release-guard.yaml", Path.of("/ws/deploy"), "/ws");
        List<String> globals = new java.util.ArrayList<>(List.of("version: 1\n", MINIMAL));
        PolicyRef.GlobalPolicy current = () -> new PolicySource(globals.remove(0), "releaseGuard.policyYaml", HOME);

        PolicyRef global = PolicyRef.global();

        assertEquals("version: 1\n", global.resolve(current).yaml());
        assertEquals(MINIMAL, global.resolve(current).yaml());
        assertEquals(workspace, PolicyRef.snapshot(workspace).resolve(() -> {
            throw new AssertionError("a workspace snapshot never reads the global policy");
        }));
    }
}
