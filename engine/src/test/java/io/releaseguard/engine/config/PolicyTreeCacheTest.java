package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.releaseguard.engine.config.yaml.Node;
import io.releaseguard.engine.config.yaml.YamlTreeReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsed trees kept between runs change nothing but the time it takes: same configs, same problems, same bytes. */
class PolicyTreeCacheTest {
    @TempDir
    Path tmp;

    private Path cacheDir() {
        return tmp.resolve("cache").resolve("policies");
    }

    private PolicyTreeCache cache() {
        return PolicyTreeCache.in(cacheDir());
    }

    private List<Path> stored() throws IOException {
        if (!Files.isDirectory(cacheDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cacheDir())) {
            return s.sorted().toList();
        }
    }

    /** What loading gives: the config's text form, or every problem, formatted. */
    private static String outcome(Path file, Optional<PolicyTreeCache> cache) {
        try {
            return ConfigLoader.load(file, cache).toString();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::format).toList().toString();
        }
    }

    @Test
    void everyGoldenPolicyLoadsThroughTheCacheExactlyAsWithoutIt() throws Exception {
        List<Path> golden;
        try (Stream<Path> s = Files.list(ConfigGoldenTest.DIR)) {
            golden = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(golden).hasSizeGreaterThan(15);
        for (Path file : golden) {
            String fresh = outcome(file, Optional.empty());
            String first = outcome(file, Optional.of(cache()));
            String second = outcome(file, Optional.of(cache()));

            assertThat(first).as("%s, parsed and stored", file).isEqualTo(fresh);
            assertThat(second).as("%s, from the cache", file).isEqualTo(fresh);
        }
        assertThat(stored())
                .as("trees of files that parse (their problems come later)")
                .isNotEmpty();
        assertThat(stored())
                .allSatisfy(f -> assertThat(f.getFileName().toString()).endsWith(".tree"));
    }

    @Test
    void aStoredTreeIsWhatALaterRunReadsAsLongAsTheTextIsTheSame() throws Exception {
        Path file = tmp.resolve("release-guard.yaml");
        String text = Files.readString(ConfigGoldenTest.DIR.resolve("valid-minimal.yaml"));
        Files.writeString(file, text);
        // A tree that differs from what the text says proves the cache is read (and why its folder is owner-only).
        Node other = YamlTreeReader.read(text.replace("testnet", "devnet")).root();
        cache().put(text, other);

        assertThat(ConfigLoader.load(file, Optional.of(cache())).environmentNames())
                .contains("devnet");

        Files.writeString(file, text + "\n# edited\n");
        assertThat(ConfigLoader.load(file, Optional.of(cache())).environmentNames())
                .as("any change of the text parses again")
                .contains("testnet")
                .doesNotContain("devnet");
    }

    @Test
    void aTreeStoredUnderTheSameFileNameForAnotherTextIsNotUsed() throws Exception {
        String mine = Files.readString(ConfigGoldenTest.DIR.resolve("valid-minimal.yaml"));
        String theirs = mine.replace("testnet", "devnet");
        Path file = tmp.resolve("release-guard.yaml");
        Files.writeString(file, mine);
        cache().put(theirs, YamlTreeReader.read(theirs).root());
        Files.move(
                cache().file(theirs.getBytes(StandardCharsets.UTF_8)),
                cache().file(mine.getBytes(StandardCharsets.UTF_8)));

        assertThat(ConfigLoader.load(file, Optional.of(cache())).environmentNames())
                .contains("testnet")
                .doesNotContain("devnet");
    }

    @Test
    void aDamagedFileIsIgnoredAndReplaced() throws Exception {
        Path file = ConfigGoldenTest.DIR.resolve("valid-example.yaml");
        String fresh = outcome(file, Optional.empty());
        outcome(file, Optional.of(cache()));
        Path tree = stored().get(0);
        byte[] good = Files.readAllBytes(tree);

        for (int cut : new int[] {0, 3, 8, good.length / 2, good.length - 1}) {
            Files.write(tree, java.util.Arrays.copyOf(good, cut));
            assertThat(outcome(file, Optional.of(cache()))).as("cut at %d", cut).isEqualTo(fresh);
            assertThat(Files.readAllBytes(tree))
                    .as("rewritten after a cut at %d", cut)
                    .isEqualTo(good);
        }
        // A changed byte anywhere (inside a stored value, say) is caught by the checksum, not read as another value.
        for (int at = 0; at < good.length; at += 97) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x7f;
            Files.write(tree, flipped);
            assertThat(outcome(file, Optional.of(cache())))
                    .as("byte %d changed", at)
                    .isEqualTo(fresh);
        }
    }

    @Test
    void aPolicyThatDoesNotParseIsNotStoredAndReportsTheSameProblems() throws Exception {
        Path file = ConfigGoldenTest.DIR.resolve("invalid-yaml-syntax.yaml");

        ConfigException cached =
                catchThrowableOfType(() -> ConfigLoader.load(file, Optional.of(cache())), ConfigException.class);
        ConfigException fresh = catchThrowableOfType(() -> ConfigLoader.load(file), ConfigException.class);

        assertThat(cached.problems()).isEqualTo(fresh.problems());
        assertThat(stored()).isEmpty();
    }

    @Test
    void aFolderOthersMayWriteToIsNeitherReadNorWritten() throws Exception {
        Path file = tmp.resolve("release-guard.yaml");
        String text = Files.readString(ConfigGoldenTest.DIR.resolve("valid-minimal.yaml"));
        Files.writeString(file, text);
        cache().put(text, YamlTreeReader.read(text.replace("testnet", "devnet")).root());
        Files.setPosixFilePermissions(cacheDir(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(ConfigLoader.load(file, Optional.of(cache())).environmentNames())
                .doesNotContain("devnet");

        Files.delete(stored().get(0));
        ConfigLoader.load(file, Optional.of(cache()));
        assertThat(stored()).isEmpty();
    }

    @Test
    void filesAreOwnerOnlyAndOnlyTheNewestAreKept() throws Exception {
        String text = Files.readString(ConfigGoldenTest.DIR.resolve("valid-minimal.yaml"));
        for (int i = 0; i < PolicyTreeCache.KEEP + 3; i++) {
            String variant = text + "\n# variant " + i + "\n";
            cache().put(variant, YamlTreeReader.read(variant).root());
        }

        assertThat(stored()).hasSize(PolicyTreeCache.KEEP);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir())))
                .isEqualTo("rwx------");
        assertThat(stored()).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------"));
    }
}
