package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that run real external programs (Prometheus, sshd, docker-registry) call this first. The rule: outside CI a
 * missing program skips the test with a loud line on stderr; with {@code CI=true} it fails, so a CI image without the
 * program cannot pass silently.
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** Skips (locally) or fails (CI) unless {@code binary} is an executable on the PATH or an executable path. */
    public static void require(String binary, String debianPackage, String what) {
        if (onPath(binary)) {
            return;
        }
        missing(binary + " is not installed (Debian package '" + debianPackage + "'): " + what
                + " cannot run. Install it with: apt-get install " + debianPackage);
    }

    /** Skips (locally) or fails (CI) with {@code why}. */
    public static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why + " (CI=true: this test must run)");
        }
        System.err.println("!!! SKIPPED: " + why);
        Assumptions.abort(why);
    }

    private static boolean onPath(String binary) {
        if (binary.contains("/")) {
            return Files.isExecutable(Path.of(binary));
        }
        String path = System.getenv("PATH");
        return path != null
                && Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, binary)));
    }
}
