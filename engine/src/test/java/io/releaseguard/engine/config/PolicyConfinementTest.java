package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace policy names files inside its workspace only: absolute paths, {@code ..} and symbolic links that lead
 * out are refused at their key's file:line:col, and nothing of a refused file ever appears in a message. The CLI's
 * rule ({@link PolicyFiles#here()}) is unchanged.
 */
class PolicyConfinementTest {
    /** What the "secret" outside the workspace holds: it must never show up in any problem. */
    private static final String SECRET = "BEGIN-controller-master-key-0123456789";

    @TempDir
    Path tmp;

    private Path ws;
    private Path secret;

    @BeforeEach
    void workspaceNextToASecret() throws Exception {
        ws = Files.createDirectories(tmp.resolve("ws"));
        secret = Files.writeString(tmp.resolve("master.key"), SECRET + "\n");
    }

    private static String policy(String section) {
        return "version: 1\nenvironments:\n  - name: testnet\n" + section;
    }

    private String problems(String yaml, PolicyFiles files) {
        try {
            ConfigLoader.parse(yaml, "release-guard.yaml", ws, files);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("the policy was accepted");
    }

    @Test
    void anAbsoluteIcsPathIsRefusedAtItsKeyAndItsFileIsNeverRead() {
        String yaml = policy("freezes:\n  - name: leak\n    ics: " + secret + "\n");

        String message = problems(yaml, PolicyFiles.confinedTo(ws));

        assertThat(message)
                .contains("release-guard.yaml:6:10 freezes[0].ics:")
                .contains("is an absolute path")
                .doesNotContain(SECRET)
                .doesNotContain("BEGIN");
    }

    @Test
    void etcHostnameIsRefusedEvenThoughItExists() {
        String yaml = policy("killSwitch: { file: /etc/hostname }\n");

        String message = problems(yaml, PolicyFiles.confinedTo(ws));

        assertThat(message).contains("release-guard.yaml:4:21 killSwitch.file:").contains("absolute path");
    }

    @Test
    void dotDotOutOfTheWorkspaceIsRefusedForEveryKeyThatNamesAFile() {
        String yaml = policy(
                """
                git: { repository: ../other }
                services:
                  - name: api
                    targets:
                      testnet: { dir: ../x }
                      mainnet:
                        dir: /srv/api
                        ssh: { host: h, user: u, knownHosts: ../../known_hosts, identity: keys/../../id }
                """);

        String message = problems(yaml, PolicyFiles.confinedTo(ws));

        assertThat(message)
                .contains("release-guard.yaml:4:20 git.repository: \"../other\" leaves the workspace")
                .contains("services[0].targets.testnet.dir: \"../x\" leaves the workspace")
                .contains("services[0].targets.mainnet.ssh.knownHosts: \"../../known_hosts\" leaves the workspace")
                .contains("services[0].targets.mainnet.ssh.identity: \"keys/../../id\" leaves the workspace")
                .as("an SSH target's dir is on the remote host, not a workspace file")
                .doesNotContain("targets.mainnet.dir");
    }

    @Test
    void aSymlinkThatLeadsOutOfTheWorkspaceIsRefusedWhereTheFilesAre() throws Exception {
        Files.createSymbolicLink(ws.resolve("calendar.ics"), secret);
        Files.createSymbolicLink(ws.resolve("shared"), tmp);
        String yaml =
                policy("freezes:\n  - name: leak\n    ics: calendar.ics\nkillSwitch: { file: shared/master.key }\n");

        String message = problems(yaml, PolicyFiles.confinedTo(ws));

        assertThat(message)
                .contains("release-guard.yaml:6:10 freezes[0].ics: \"calendar.ics\" leads out of the workspace")
                .contains("release-guard.yaml:7:21 killSwitch.file: \"shared/master.key\" leads out of the workspace")
                .doesNotContain(SECRET);
    }

    @Test
    void filesInsideTheWorkspaceAreAcceptedAndAnIcsFileIsStillCheckedThereWithoutEchoingIt() throws Exception {
        Files.createDirectories(ws.resolve("calendars"));
        Files.writeString(ws.resolve("calendars/broken.ics"), SECRET + "\nBEGIN:VCALENDAR\n");
        String yaml = policy("freezes:\n  - name: broken\n    ics: calendars/../calendars/broken.ics\n");

        String message = problems(yaml, PolicyFiles.confinedTo(ws));

        assertThat(message)
                .contains("freezes[0].ics: calendars/../calendars/broken.ics:1 is not a valid iCalendar file")
                .doesNotContain(SECRET);
    }

    @Test
    void whereTheFilesAreNotNothingIsReadAndOnlyTheWrittenPathIsChecked() throws Exception {
        Files.writeString(ws.resolve("broken.ics"), SECRET);
        String inside = policy("freezes:\n  - name: later\n    ics: broken.ics\n");

        ConfigLoader.parse(inside, "release-guard.yaml", ws, PolicyFiles.elsewhere(true));

        assertThat(problems(policy("killSwitch: { file: /etc/hostname }\n"), PolicyFiles.elsewhere(true)))
                .contains("killSwitch.file:")
                .contains("absolute path");
    }

    @Test
    void theCliRuleStillAcceptsAnyPath() throws Exception {
        ReleaseGuardConfig config = ConfigLoader.parse(
                policy("killSwitch: { file: /etc/hostname }\ngit: { repository: ../other }\n"),
                "release-guard.yaml",
                ws,
                PolicyFiles.here());

        assertThat(config.killSwitch()).isPresent();
    }
}
