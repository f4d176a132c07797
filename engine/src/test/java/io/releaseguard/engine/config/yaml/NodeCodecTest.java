package io.releaseguard.engine.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The stored form of a parsed tree reads back as the very same tree, and a damaged copy never as another one. */
class NodeCodecTest {
    private static final Path DIR = Path.of("src/test/resources/config");

    private static byte[] encode(Node node) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            NodeCodec.write(node, out);
        }
        return bytes.toByteArray();
    }

    private static Node decode(byte[] bytes) throws IOException {
        return NodeCodec.read(new DataInputStream(new ByteArrayInputStream(bytes)), bytes.length);
    }

    @Test
    void everyGoldenPolicyTreeReadsBackEqualWithItsOrderAndLocations() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")
                            && !p.getFileName().toString().equals("invalid-yaml-syntax.yaml"))
                    .sorted()
                    .toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            Node tree = YamlTreeReader.read(Files.readString(file)).root();

            Node back = decode(encode(tree));

            assertThat(back).as(file.toString()).isEqualTo(tree);
            assertThat(back.toString()).as("%s, key order", file).isEqualTo(tree.toString());
        }
    }

    @Test
    void everyTruncationAndAnUnknownTagIsAnError() throws Exception {
        Node tree = YamlTreeReader.read(Files.readString(DIR.resolve("valid-example.yaml")))
                .root();
        byte[] bytes = encode(tree);

        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> decode(prefix)).as("cut at %d", cut).isInstanceOf(IOException.class);
        }
        byte[] tagged = bytes.clone();
        tagged[0] = 'X';
        assertThatThrownBy(() -> decode(tagged)).hasMessageContaining("unknown node tag");
    }
}
