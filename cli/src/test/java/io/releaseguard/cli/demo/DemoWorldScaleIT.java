package io.releaseguard.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.cli.demo.LoopbackClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A 1,000-tenant fleet in one process: one server per environment, every tenant answering. Prints its timings. */
class DemoWorldScaleIT {
    private static final int TENANTS = 1_000;

    @Test
    void aThousandTenantWorldStartsFastAndEveryTenantAnswers() throws Exception {
        LoopbackClient http = new LoopbackClient();
        long t0 = System.nanoTime();
        try (DemoWorld world = DemoWorld.start(DemoWorld.Options.demo().withTenants(TENANTS))) {
            Duration startup = Duration.ofNanos(System.nanoTime() - t0);
            List<String> tenants = world.tenantNames("testnet");
            assertThat(tenants).hasSize(TENANTS).startsWith("t0001").endsWith("t1000");

            ExecutorService pool = Executors.newFixedThreadPool(16);
            long t1 = System.nanoTime();
            List<Future<Answer>> answers;
            try {
                List<Callable<Answer>> calls = new ArrayList<>();
                for (String t : tenants) {
                    calls.add(() -> http.get(world.tenantUrl("testnet", t) + "/health"));
                }
                answers = pool.invokeAll(calls);
            } finally {
                pool.shutdown();
            }
            Duration answered = Duration.ofNanos(System.nanoTime() - t1);
            for (int i = 0; i < TENANTS; i++) {
                Answer a = answers.get(i).get();
                assertThat(a.status()).as(tenants.get(i)).isEqualTo(200);
                assertThat(a.json().path("status").asText()).isEqualTo("ok");
            }
            System.out.printf(
                    "demo world with %d tenants x %d environments: started in %d ms; %d /health answers in %d ms"
                            + " (16 clients)%n",
                    TENANTS, world.environments().size(), startup.toMillis(), TENANTS, answered.toMillis());
            // A sanity bound only (shared CI machines vary); the target is well under 2 s.
            assertThat(startup).isLessThan(Duration.ofSeconds(10));
        }
    }
}
