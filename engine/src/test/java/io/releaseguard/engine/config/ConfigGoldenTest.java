package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: every {@code valid-*.yaml} must load, and every {@code invalid-*.yaml} must fail with exactly the
 * lines in its {@code .expected} file. Regenerate the expectations after a deliberate message change with {@code
 * -Drelease-guard.golden.update=true} and review the diff.
 */
class ConfigGoldenTest {
    static final Path DIR = Path.of("src/test/resources/config");
    private static final boolean UPDATE = Boolean.getBoolean("release-guard.golden.update");

    @TestFactory
    Stream<DynamicTest> validFilesLoad() throws IOException {
        List<Path> files = list("valid-");
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    ReleaseGuardConfig config = ConfigLoader.load(f);
                    assertThat(config.environments()).isNotEmpty();
                }));
    }

    @TestFactory
    Stream<DynamicTest> invalidFilesReportExactProblems() throws IOException {
        List<Path> files = list("invalid-");
        assertThat(files).isNotEmpty();
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    String name = f.getFileName().toString();
                    Path expectedFile = DIR.resolve(name.replace(".yaml", ".expected"));
                    ConfigException e = catchConfig(f);
                    String actual = String.join(
                                    "\n",
                                    e.problems().stream()
                                            .map(ConfigProblem::format)
                                            .toList()) + "\n";
                    if (UPDATE) {
                        Files.writeString(expectedFile, actual);
                    }
                    assertThat(expectedFile).as("golden file %s", expectedFile).exists();
                    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
                }));
    }

    private static ConfigException catchConfig(Path f) {
        try {
            ConfigLoader.load(f);
        } catch (ConfigException e) {
            return e;
        }
        assertThatThrownBy(() -> ConfigLoader.load(f))
                .as("%s should be invalid", f)
                .isInstanceOf(ConfigException.class);
        throw new AssertionError("unreachable");
    }

    private static List<Path> list(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }
}
