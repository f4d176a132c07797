package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySizeTest {
    private static final String POLICY = "version: 1\nenvironments:\n  - name: testnet\n";

    @TempDir
    Path dir;

    @Test
    void aPolicyFileOneByteOverTheLimitIsRefusedNamingFileAndSizeAgainstTheLimit() throws Exception {
        Path file = dir.resolve("release-guard.yaml");
        Files.writeString(file, padded(PolicySize.MAX_BYTES + 1));

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1:1 is 1048577 bytes; a policy may be at most 1048576 bytes (1 MiB), so it was"
                        + " not parsed");
    }

    @Test
    void aPolicyFileOfExactlyTheLimitIsParsed() throws Exception {
        Path file = dir.resolve("release-guard.yaml");
        Files.writeString(file, padded(PolicySize.MAX_BYTES));

        assertThat(ConfigLoader.load(file).environments()).hasSize(1);
    }

    @Test
    void aHugeFileIsRefusedFromItsSizeWithoutBeingRead() throws Exception {
        Path file = dir.resolve("huge.yaml");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(50L * 1024 * 1024); // sparse: 50 MB the loader must never read
        }

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("is 52428800 bytes;");
    }

    @Test
    void policyTextHandedOverAsAStringIsHeldToTheSameLimit() {
        String text = padded(PolicySize.MAX_BYTES - 1) + "\u00e9"; // 2 UTF-8 bytes: one over

        assertThatThrownBy(() -> ConfigLoader.parse(text, "releaseGuard.policyYaml", dir))
                .hasMessage("releaseGuard.policyYaml:1:1 is 1048577 bytes; a policy may be at most 1048576 bytes"
                        + " (1 MiB), so it was not parsed");
    }

    /** The policy followed by a comment, {@code size} UTF-8 bytes in all. */
    private static String padded(int size) {
        int used = POLICY.getBytes(StandardCharsets.UTF_8).length + 3;
        return POLICY + "# " + "x".repeat(size - used) + "\n";
    }
}
