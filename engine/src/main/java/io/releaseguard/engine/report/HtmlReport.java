package io.releaseguard.engine.report;

import io.releaseguard.engine.audit.AuditRecord;
import java.util.List;

/**
 * Renders promotions as one self-contained HTML page: per promotion, a timeline of every audited decision (gates,
 * approvals, deploys, rollbacks, notifications) with its verdict. Everything taken from records is HTML-escaped; the
 * page loads no script and no external resource.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** One promotion's section: its id, a one-line outcome and its audit records in order. */
    public record Section(String promotionId, String title, String outcome, List<AuditRecord> records) {
        public Section {
            records = List.copyOf(records);
        }
    }

    public static String render(String heading, List<Section> sections) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append(
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
                .append("<title>")
                .append(escape(heading))
                .append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append(".OPEN,.SUCCEEDED,.APPROVED,.SENT,.PASS{background:#e6f4ea}")
                .append(".BLOCKED,.FAILED,.REFUSED,.ROLLBACK_FAILED{background:#fce8e6}")
                .append(".PENDING,.OVERRIDDEN,.HALTED,.ROLLED_BACK,.NOT_SENT{background:#fef7e0}")
                .append("</style></head><body>\n<h1>")
                .append(escape(heading))
                .append("</h1>\n");
        for (Section s : sections) {
            sb.append("<h2>")
                    .append(escape(s.title()))
                    .append("</h2>\n<p>promotion <code>")
                    .append(escape(s.promotionId()))
                    .append("</code>: <strong>")
                    .append(escape(s.outcome()))
                    .append("</strong></p>\n<table><tr><th>time (UTC)</th><th>who</th><th>decision</th>")
                    .append("<th>verdict</th><th>why</th></tr>\n");
            for (AuditRecord r : s.records()) {
                sb.append("<tr class=\"")
                        .append(cssClass(r.verdict()))
                        .append("\"><td>")
                        .append(escape(r.at().toString()))
                        .append("</td><td>")
                        .append(escape(r.actor()))
                        .append("</td><td>")
                        .append(escape(r.action()))
                        .append("</td><td>")
                        .append(escape(r.verdict()))
                        .append("</td><td>")
                        .append(escape(r.reason()))
                        .append("</td></tr>\n");
            }
            sb.append("</table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String cssClass(String verdict) {
        return verdict == null ? "" : verdict.replaceAll("[^A-Z_]", "");
    }
}
