package io.releaseguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo world starts fast and, once closed, leaves no thread and no listening port behind. */
class DemoWorldLifecycleIT {
    private final LoopbackClient http = new LoopbackClient();

    @Test
    void closingEndsEveryThreadTheWorldStartedAndFreesItsPorts() throws Exception {
        // The test's own java.net.http client keeps its selector and workers; those are not the world's.
        assertThat(catching(() -> http.get("http://127.0.0.1:1/warm-up"))).isInstanceOf(ConnectException.class);
        List<String> before = liveThreads();
        String api;
        String slowTenant;
        try (DemoWorld world = DemoWorld.start()) {
            api = world.endpoint("testnet", "api");
            slowTenant = world.tenantUrl("mainnet", "t01");
            world.breakRelease("ledger", world.initialRelease(), Breakage.SLOW);
            assertThat(http.get(api + "/health").status()).isEqualTo(200);
            assertThat(liveThreads()).hasSizeGreaterThan(before.size());
            // An answer still pending on the timer must not keep the world alive.
            assertThat(catching(() -> http.get(slowTenant + "/health", Duration.ofMillis(100))))
                    .isNotNull();
        }
        assertThat(liveThreads()).containsExactlyInAnyOrderElementsOf(before);
        assertThat(catching(() -> http.get(api + "/health"))).isInstanceOf(ConnectException.class);
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static Exception catching(Call call) {
        try {
            call.run();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static List<String> liveThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith("HttpClient-")) {
                names.add(t.getName());
            }
        }
        Collections.sort(names);
        return names;
    }
}
