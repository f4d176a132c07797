package io.releaseguard.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    @Test
    void everythingFromRecordsIsEscapedAndVerdictsAreShown() {
        AuditRecord r = new AuditRecord(
                1,
                Instant.parse("2026-11-24T15:00:00Z"),
                "<script>alert(1)</script>",
                "gate.freeze",
                "mainnet",
                "p1",
                "BLOCKED\" onmouseover=\"x",
                "inside 'year-end' & <b>",
                Map.of(),
                AuditRecord.GENESIS_HASH,
                "h");
        String html = HtmlReport.render(
                "demo <report>", List.of(new HtmlReport.Section("p1", "sha-1 -> mainnet", "BLOCKED", List.of(r))));
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("inside &#39;year-end&#39; &amp; &lt;b&gt;")
                .contains("<tr class=\"BLOCKED\">")
                .contains("<title>demo &lt;report&gt;</title>")
                .contains("default-src 'none'");
    }
}
