package io.releaseguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/release-guard} against the shaded jar of this build: output and exit codes are exactly the CLI's, the
 * first run of a subcommand leaves a class-data archive, and later runs really map it ({@code -Xshare:on} makes the
 * JVM refuse to start otherwise).
 */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "release-guard");
    private static final Path JAR = Path.of("target", "release-guard.jar");

    @TempDir
    Path cache;

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {}

    private Run launcher(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private Run direct(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("java", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(work.resolve("out").toFile())
                .redirectError(work.resolve("err").toFile());
        pb.environment().put("RELEASE_GUARD_JAR", JAR.toAbsolutePath().toString());
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        return new Run(
                p.exitValue(),
                Files.readString(work.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(work.resolve("err"), StandardCharsets.UTF_8));
    }

    private List<String> archives() throws IOException {
        Path dir = cache.resolve("release-guard");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".jsa"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void firstRunDumpsAnArchiveThatLaterRunsMapAndOutputIsTheCliOwn() throws Exception {
        Run expected = direct("--version");

        Run first = launcher(Map.of(), "--version");
        assertThat(first).isEqualTo(expected);
        assertThat(archives()).singleElement().asString().endsWith("-default.jsa");

        Run mapped = launcher(Map.of("RELEASE_GUARD_JAVA_OPTS", "-Xshare:on"), "--version");
        assertThat(mapped).isEqualTo(expected);
    }

    @Test
    void exitCodesAndErrorsPassThroughOnTheDumpingRunAndAfter() throws Exception {
        Path missing = work.resolve("nope.yaml");
        Run expected = direct("--config", missing.toString(), "validate");
        assertThat(expected.exit()).isEqualTo(3);

        Run first = launcher(Map.of(), "--config", missing.toString(), "validate");
        Run second =
                launcher(Map.of("RELEASE_GUARD_JAVA_OPTS", "-Xshare:on"), "--config", missing.toString(), "validate");

        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        assertThat(archives()).singleElement().asString().endsWith("-validate.jsa");
    }

    @Test
    void parsedPoliciesAreKeptBetweenRunsUnlessTurnedOffAndOutputIsTheSame() throws Exception {
        Path policy = work.resolve("release-guard.yaml");
        Files.copy(Path.of("..", "engine", "src", "test", "resources", "config", "valid-example.yaml"), policy);
        Path trees = cache.resolve("release-guard").resolve("policies");
        Run expected = direct("--config", policy.toString(), "validate");
        assertThat(expected.exit()).isZero();

        Run off = launcher(Map.of("RELEASE_GUARD_CACHE", "off"), "--config", policy.toString(), "validate");
        assertThat(off).isEqualTo(expected);
        assertThat(trees).doesNotExist();

        Run first = launcher(Map.of(), "--config", policy.toString(), "validate");
        Run second = launcher(Map.of(), "--config", policy.toString(), "validate");
        assertThat(first).isEqualTo(expected);
        assertThat(second).isEqualTo(expected);
        try (Stream<Path> files = Files.list(trees)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .singleElement()
                    .asString()
                    .startsWith("policy-")
                    .endsWith(".tree");
        }
    }

    @Test
    void withoutArchiveWhenAskedAndAClearErrorWithoutJar() throws Exception {
        Run off = launcher(Map.of("RELEASE_GUARD_CDS", "off"), "--version");
        assertThat(off).isEqualTo(direct("--version"));
        assertThat(archives()).isEmpty();

        Run noJar =
                launcher(Map.of("RELEASE_GUARD_JAR", work.resolve("absent.jar").toString()), "--version");
        assertThat(noJar.exit()).isEqualTo(3);
        assertThat(noJar.err()).contains("cannot find release-guard.jar");
    }
}
