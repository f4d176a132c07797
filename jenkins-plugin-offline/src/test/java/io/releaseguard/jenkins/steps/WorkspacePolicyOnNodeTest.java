package io.releaseguard.jenkins.steps;

import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.node.SerializingNode;
import io.releaseguard.engine.plan.PromotionPlan;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.promotion.StepNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code releaseGuardValidate}/{@code releaseGuardPlan} with a workspace policy: its files are read on the step's
 * node (here a {@link SerializingNode}, every task serialized as remoting would), confined to the workspace; the
 * controller's own parse reads nothing. A policy pointing at a file outside the workspace is refused with the key's
 * file:line:col and the file's bytes never appear.
 */
class WorkspacePolicyOnNodeTest {
    private static final String SECRET = "controller-secret-4f1d2c";

    private final ReleaseGuardCommands commands =
            new ReleaseGuardCommands(Clock.fixed(Instant.parse("2026-12-24T10:00:00Z"), ZoneOffset.UTC));
    private final SerializingNode node = new SerializingNode();

    @TempDir
    Path tmp;

    private Path ws;
    private Path secret;

    @BeforeEach
    void workspace() throws Exception {
        ws = Files.createDirectories(tmp.resolve("ws"));
        secret = Files.writeString(tmp.resolve("master.key"), SECRET + "\n");
    }

    private PolicySource fromWorkspace(String yaml) throws Exception {
        return PolicySource.fromWorkspace(
                "release-guard.yaml", ws.toString(), new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private Optional<StepNode> onNode() {
        return Optional.of(new StepNode(node, ws.toString()));
    }

    private static String withFreeze(String ics) {
        return MINIMAL + "freezes:\n  - name: holidays\n    ics: " + ics + "\n";
    }

    @Test
    void aWorkspacePolicyIsLoadedOnTheNode() throws Exception {
        String summary = commands.validate(fromWorkspace(MINIMAL), onNode());

        assertTrue(summary.startsWith("release-guard.yaml: valid;"), summary);
        assertEquals(1, node.calls("NodeWiring.LoadCall"));
    }

    @Test
    void etcHostnameAnAbsoluteSecretDotDotAndALinkOutAreRefusedAtTheirKeyWithoutTheirContent() throws Exception {
        Files.createSymbolicLink(ws.resolve("linked.ics"), secret);
        for (String ics : new String[] {"/etc/hostname", secret.toString(), "../master.key", "linked.ics"}) {
            ReleaseGuardException e = assertThrows(
                    ReleaseGuardException.class, () -> commands.validate(fromWorkspace(withFreeze(ics)), onNode()));

            assertEquals(ExitCode.INVALID, e.exitCode());
            String line = e.getMessage();
            assertTrue(line.matches("(?s).*release-guard\\.yaml:\\d+:\\d+ freezes\\[0]\\.ics: .*"), line);
            assertTrue(line.contains("workspace"), line);
            assertFalse(line.contains(SECRET), line);
            assertFalse(line.contains(Files.readString(Path.of("/etc/hostname")).strip()), line);
        }
    }

    @Test
    void theControllersOwnParseOfAWorkspacePolicyReadsNoFileItNames() throws Exception {
        Files.writeString(ws.resolve("broken.ics"), SECRET + "\n");

        fromWorkspace(withFreeze("broken.ics")).load();

        ReleaseGuardException onTheNode = assertThrows(
                ReleaseGuardException.class,
                () -> commands.validate(fromWorkspace(withFreeze("broken.ics")), onNode()));
        assertTrue(
                onTheNode.getMessage().contains("broken.ics:1 is not a valid iCalendar file"), onTheNode.getMessage());
        assertFalse(onTheNode.getMessage().contains(SECRET), onTheNode.getMessage());
    }

    @Test
    void aPlanUnderAWorkspacePolicyReadsItsCalendarOnTheNode() throws Exception {
        Files.writeString(
                ws.resolve("holidays.ics"),
                """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:-//test//EN
                BEGIN:VEVENT
                UID:xmas
                DTSTAMP:20260101T000000Z
                DTSTART:20261220T000000Z
                DTEND:20270102T000000Z
                SUMMARY:holidays
                END:VEVENT
                END:VCALENDAR
                """);

        PromotionPlan plan = commands.plan(
                fromWorkspace(withFreeze("holidays.ics")), onNode(), "sha-abc1234", "mainnet", tmp.resolve("state"));

        assertTrue(plan.renderText().contains("holidays"), plan.renderText());
        assertTrue(node.calls("NodeSources.IcsCall") >= 1, node.order().toString());
    }

    @Test
    void aWorkspacePolicyWithoutANodeIsRefused() throws Exception {
        ReleaseGuardException e = assertThrows(
                ReleaseGuardException.class, () -> commands.validate(fromWorkspace(MINIMAL), Optional.empty()));

        assertEquals(ExitCode.INVALID, e.exitCode());
    }

    @Test
    void aPromotionOutsideNodeIsRefusedWithAClearMessage() {
        ReleaseGuardException e =
                assertThrows(ReleaseGuardException.class, () -> StepNode.requireWorkspace("releaseGuardPromote", null));

        assertEquals(
                "releaseGuardPromote needs a node: run it inside node { ... }. Deploys, health checks, SSH, git and"
                        + " the files a policy names are handled on the build's agent, never on the controller",
                e.getMessage());
    }
}
