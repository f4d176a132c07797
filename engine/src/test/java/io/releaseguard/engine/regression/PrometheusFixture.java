package io.releaseguard.engine.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.ExternalTools;
import io.releaseguard.engine.testing.HttpReady;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server on loopback, its TSDB backfilled with {@code promtool tsdb create-blocks-from openmetrics}
 * from a file the test writes. Outside CI a missing binary skips the test loudly; in CI ({@code CI=true}) it fails.
 */
final class PrometheusFixture implements AutoCloseable {
    private final Process process;
    private final String url;

    private PrometheusFixture(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    String url() {
        return url;
    }

    static void requireBinaries() {
        for (String binary : List.of("prometheus", "promtool")) {
            ExternalTools.require(binary, "prometheus", "the real-Prometheus regression test");
        }
    }

    /** Backfills {@code openMetrics} into a fresh TSDB under {@code dir} and starts Prometheus on it. */
    static PrometheusFixture start(Path dir, String openMetrics) throws IOException, InterruptedException {
        requireBinaries();
        Path input = dir.resolve("data.om");
        Path tsdb = dir.resolve("tsdb");
        Files.writeString(input, openMetrics);
        Files.createDirectories(tsdb);
        Process promtool = new ProcessBuilder(
                        "promtool", "tsdb", "create-blocks-from", "openmetrics", input.toString(), tsdb.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("promtool.log").toFile())
                .start();
        assertThat(promtool.waitFor(60, TimeUnit.SECONDS))
                .as("promtool finished")
                .isTrue();
        assertThat(promtool.exitValue())
                .as("promtool: %s", Files.readString(dir.resolve("promtool.log")))
                .isZero();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 15s\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + tsdb,
                        "--storage.tsdb.retention.time=3650d",
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        PrometheusFixture fixture = new PrometheusFixture(p, "http://127.0.0.1:" + port);
        HttpReady.await(
                URI.create(fixture.url + "/-/ready"),
                status -> status == 200,
                p,
                dir.resolve("prometheus.log"),
                Duration.ofSeconds(60));
        return fixture;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
