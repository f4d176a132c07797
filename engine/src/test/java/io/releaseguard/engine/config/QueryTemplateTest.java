package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.config.QueryTemplate.Placeholder;
import io.releaseguard.engine.config.QueryTemplate.Syntax;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryTemplateTest {
    private static final String ERRORS =
            "sum(rate(http_requests_total{service=\"${service}\",release=~\"${release}\",code=~\"5..\"}[5m]))";

    @Test
    void promqlValuesAreEscapedAsLabelValuesAndQuotedInRegularExpressions() {
        QueryTemplate t = new QueryTemplate(ERRORS, Syntax.PROMQL);
        assertThat(t.placeholders()).containsExactly(Placeholder.SERVICE, Placeholder.RELEASE);
        String filled = t.fill(Map.of(Placeholder.SERVICE, "a\"}or vector(1)#\\", Placeholder.RELEASE, "v1.0+b|.*"));
        assertThat(filled)
                .isEqualTo("sum(rate(http_requests_total{service=\"a\\\"}or vector(1)#\\\\\","
                        + "release=~\"v1\\\\.0\\\\+b\\\\|\\\\.\\\\*\",code=~\"5..\"}[5m]))");
    }

    @Test
    void onlyTheEnclosingQuoteIsEscapedAndControlCharactersAreSpelledOut() {
        QueryTemplate t = new QueryTemplate("up{job='${service}'}", Syntax.PROMQL);
        assertThat(t.fill(Map.of(Placeholder.SERVICE, "it's \"x\"\n\u0001")))
                .isEqualTo("up{job='it\\'s \"x\"\\n\\x01'}");
    }

    @Test
    void escapedQuotesAndCommentsDoNotConfuseWhereAStringEnds() {
        QueryTemplate t = new QueryTemplate("up{a=\"x\\\"\", b=\"${environment}\"} # it's \"fine\"", Syntax.PROMQL);
        assertThat(t.fill(Map.of(Placeholder.ENVIRONMENT, "mainnet")))
                .isEqualTo("up{a=\"x\\\"\", b=\"mainnet\"} # it's \"fine\"");
    }

    @Test
    void aPromqlPlaceholderOutsideQuotesOrInARawStringIsRefused() {
        assertThatThrownBy(() -> new QueryTemplate("sum by (${service}) (up)", Syntax.PROMQL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("${service} must stand inside a quoted label value such as {service=\"${service}\"}:"
                        + " outside quotes a value could change the query");
        assertThatThrownBy(() -> new QueryTemplate("up{job=`${service}`}", Syntax.PROMQL))
                .hasMessage("${service} stands in a `raw` string, where its value cannot be escaped; use \"double"
                        + " quotes\"");
        assertThatThrownBy(() -> new QueryTemplate("up{job=\"x}", Syntax.PROMQL))
                .hasMessage("has an unclosed \" string");
    }

    @Test
    void unknownPlaceholdersAreRefusedWithASuggestion() {
        assertThatThrownBy(() -> new QueryTemplate("up{job=\"${srvice}\"}", Syntax.PROMQL))
                .hasMessage("unknown placeholder ${srvice}; did you mean ${service}?");
        assertThatThrownBy(() -> new QueryTemplate("${env:TOKEN}", Syntax.TEXT))
                .hasMessage("unknown placeholder ${env:TOKEN} (known: ${service}, ${release}, ${environment})");
        assertThatThrownBy(() -> new QueryTemplate("ledger-${service", Syntax.TEXT))
                .hasMessage("has an unclosed '${' (placeholders are written ${service})");
    }

    @Test
    void textIsFilledVerbatimForTheProviderToEncode() {
        QueryTemplate t = new QueryTemplate("${service}@${release}", Syntax.TEXT);
        assertThat(t.uses(Placeholder.SERVICE)).isTrue();
        assertThat(t.uses(Placeholder.ENVIRONMENT)).isFalse();
        assertThat(t.fill(Map.of(Placeholder.SERVICE, "ledger", Placeholder.RELEASE, "v1.0 \"b\"")))
                .isEqualTo("ledger@v1.0 \"b\"");
        assertThatThrownBy(() -> t.fill(Map.of(Placeholder.SERVICE, "ledger")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no value for ${release} in ${service}@${release}");
    }
}
