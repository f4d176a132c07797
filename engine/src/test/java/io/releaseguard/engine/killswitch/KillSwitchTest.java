package io.releaseguard.engine.killswitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.health.HttpHealthProbe;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillSwitchTest {
    @TempDir
    Path tmp;

    private final HttpHealthProbe http = new HttpHealthProbe();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private KillSwitchState read(KillSwitchSpec spec, Map<String, String> env) {
        return new KillSwitch(spec, env, tmp, http).read();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "NULL,false,true",
                "0,false,true",
                "false,false,true",
                "1,true,true",
                "TRUE,true,true",
                "maybe,true,false"
            })
    void environmentVariable(String value, boolean engaged, boolean readable) {
        Map<String, String> env = value == null ? Map.of() : Map.of("KILL", value);
        KillSwitchState s = read(new KillSwitchSpec.EnvVar("KILL"), env);
        assertThat(s.engaged()).isEqualTo(engaged);
        assertThat(s.readable()).isEqualTo(readable);
    }

    @Test
    void fileEngagesWhenPresentWithItsFirstLineAsReason() throws Exception {
        KillSwitchSpec spec = new KillSwitchSpec.File("kill-switch");
        assertThat(read(spec, Map.of()).engaged()).isFalse();
        Files.writeString(tmp.resolve("kill-switch"), "incident INC-42: stop deploys\nmore\n");
        KillSwitchState s = read(spec, Map.of());
        assertThat(s.engaged()).isTrue();
        assertThat(s.describe()).endsWith("present (engaged): incident INC-42: stop deploys");
    }

    @Test
    void httpEndpointFailsClosed() throws Exception {
        AtomicReference<String> body = new AtomicReference<>("{\"enabled\":false}");
        AtomicReference<Integer> status = new AtomicReference<>(200);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/switch", ex -> {
            byte[] b = body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/switch?token=s3cret";
        KillSwitchSpec spec = new KillSwitchSpec.Http(url, "/enabled");
        assertThat(read(spec, Map.of()).engaged()).isFalse();
        body.set("{\"enabled\":true}");
        assertThat(read(spec, Map.of()).engaged()).isTrue();
        body.set("<html>oops</html>");
        KillSwitchState garbage = read(spec, Map.of());
        assertThat(garbage.engaged()).isTrue();
        assertThat(garbage.readable()).isFalse();
        body.set("{\"enabled\":false}");
        status.set(503);
        KillSwitchState down = read(spec, Map.of());
        assertThat(down.engaged()).isTrue();
        assertThat(down.describe()).contains("HTTP 503").contains("token=****").doesNotContain("s3cret");
        server.stop(0);
        server = null;
        assertThat(read(spec, Map.of()).engaged()).isTrue();
    }
}
