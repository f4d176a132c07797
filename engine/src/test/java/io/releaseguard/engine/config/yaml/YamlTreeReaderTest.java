package io.releaseguard.engine.config.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTreeReaderTest {

    @Test
    void aliasIsRefusedAndNeverBecomesItsNameAsAString() throws Exception {
        YamlTreeReader.Document doc = YamlTreeReader.read("leads: &l [alice]\nreviewers: *l\n");

        assertThat(doc.incomplete()).isTrue();
        assertThat(doc.problems())
                .extracting(p -> p.location().line() + ":" + p.location().column() + " " + p.path())
                .containsExactly("1:8 leads", "2:12 reviewers");
        Node reviewers = ((Node.MapNode) doc.root()).entries().get("reviewers").value();
        assertThat(reviewers).isInstanceOf(Node.NullNode.class);
    }

    @Test
    void mergeKeysAreAliasesTooAndAreRefused() throws Exception {
        YamlTreeReader.Document doc = YamlTreeReader.read("base: &b {soak: 1h}\nmainnet:\n  <<: *b\n");

        assertThat(doc.problems())
                .extracting(YamlTreeReader.YamlSyntaxException::getMessage)
                .anyMatch(m -> m.startsWith("YAML aliases are not supported (*b)"));
    }

    @Test
    void aliasAsAKeyIsASyntaxErrorNamingAliases() {
        assertThatThrownBy(() -> YamlTreeReader.read("a: &x k\n*x : 2\n"))
                .isInstanceOf(YamlTreeReader.YamlSyntaxException.class)
                .hasMessageContaining("YAML aliases are not supported");
    }

    @Test
    void plainTextWithAsterisksAndAmpersandsInQuotesIsNoReference() throws Exception {
        YamlTreeReader.Document doc = YamlTreeReader.read("a: \"*leads\"\nb: '&x'\n");

        assertThat(doc.problems()).isEqualTo(List.of());
        assertThat(((Node.ScalarNode)
                                ((Node.MapNode) doc.root()).entries().get("a").value())
                        .text())
                .isEqualTo("*leads");
    }
}
