package io.releaseguard.engine.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.Severity;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@link HealthReport#toJson} is the {@code health --json} contract: the very text the shared object mapper writes. */
class HealthReportJsonTest {
    private static final CheckResult PASSED = new CheckResult(
            "api",
            Optional.empty(),
            "ready",
            "http://127.0.0.1:8081/health",
            Verdict.PASS,
            Severity.FATAL,
            OptionalInt.of(200),
            12,
            "status 200; 1 assertion held");
    private static final CheckResult UNREACHABLE = new CheckResult(
            "fleet",
            Optional.of("t-7"),
            "buildinfo",
            "https://t7.example/buildinfo?token=****",
            Verdict.FAIL,
            Severity.FATAL,
            OptionalInt.empty(),
            5001,
            "no complete response within 5s");
    private static final CheckResult ODD_TEXT = new CheckResult(
            "web \"edge\"",
            Optional.of("ü/\\"),
            "ready",
            "http://[::1]:80/",
            Verdict.WARN,
            Severity.WARN,
            OptionalInt.of(503),
            0,
            "body is not JSON (text/html, 9 bytes: \"<b>\u0001\t</b>\") — €");

    @Test
    void aReportWithEveryKindOfValueIsWrittenExactlyAsTheObjectMapperWritesIt() {
        HealthReport report = new HealthReport(
                "mainnet",
                Verdict.FAIL,
                List.of(PASSED, UNREACHABLE, ODD_TEXT),
                Optional.of(new BuildInfoReport(
                        "0123abc",
                        List.of(
                                new BuildInfoReport.Mismatch("t-7", Optional.empty()),
                                new BuildInfoReport.Mismatch("t-9", Optional.of("fedcba9"))))));

        assertThat(report.toJson()).isEqualTo(JsonReports.write(report));
        assertThat(report.toJson()).contains("\"tenant\":null", "\"status\":null", "\"reported\":null");
    }

    @Test
    void aReportWithoutBuildInfoOrChecksIsWrittenExactlyAsTheObjectMapperWritesIt() {
        HealthReport empty = new HealthReport("testnet", Verdict.PASS, List.of(), Optional.empty());
        HealthReport one = new HealthReport("testnet", Verdict.PASS, List.of(PASSED), Optional.empty());

        assertThat(empty.toJson()).isEqualTo(JsonReports.write(empty));
        assertThat(one.toJson()).isEqualTo(JsonReports.write(one)).endsWith("\"buildinfo\":null}");
    }
}
