package io.releaseguard.engine.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.FleetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FleetBatchesTest {
    static List<String> tenants(int n) {
        return IntStream.range(0, n).mapToObj(i -> "t" + i).toList();
    }

    @Test
    void canaryThenBatchesWithSoaksBetweenButNotAfterTheLast() throws ReleaseGuardException {
        FleetSpec spec = new FleetSpec(List.of(), 1, Duration.ofMinutes(10), 2, Duration.ofMinutes(2));
        List<Batch> batches = FleetBatches.plan(tenants(6), spec);
        assertThat(batches)
                .extracting(Batch::tenants)
                .containsExactly(List.of("t0"), List.of("t1", "t2"), List.of("t3", "t4"), List.of("t5"));
        assertThat(batches)
                .extracting(Batch::soakAfter)
                .containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ZERO);
        assertThat(batches.get(2).label(batches.size() - 1)).isEqualTo("batch 2/3");
    }

    @Test
    void namedCanariesMustBeInTheFleet() throws ReleaseGuardException {
        FleetSpec spec = new FleetSpec(List.of("t3"), 1, Duration.ZERO, 10, Duration.ZERO);
        assertThat(FleetBatches.plan(tenants(5), spec).get(0).tenants()).containsExactly("t3");
        FleetSpec bad = new FleetSpec(List.of("t9"), 1, Duration.ZERO, 10, Duration.ZERO);
        assertThatThrownBy(() -> FleetBatches.plan(tenants(5), bad))
                .hasMessage("canary tenant 't9' is not in the fleet (5 tenants)");
    }

    @Property(tries = 300)
    void everyTenantExactlyOnceAndBatchesBounded(
            @ForAll @IntRange(min = 0, max = 300) int n,
            @ForAll @IntRange(min = 0, max = 5) int canary,
            @ForAll @IntRange(min = 1, max = 60) int batchSize)
            throws ReleaseGuardException {
        FleetSpec spec = new FleetSpec(List.of(), canary, Duration.ofSeconds(1), batchSize, Duration.ofSeconds(1));
        List<Batch> batches = FleetBatches.plan(tenants(n), spec);
        List<String> seen = new ArrayList<>();
        batches.forEach(b -> seen.addAll(b.tenants()));
        assertThat(seen).isEqualTo(tenants(n));
        batches.stream().filter(b -> b.kind() == Batch.Kind.BATCH).forEach(b -> assertThat(b.tenants())
                .hasSizeBetween(1, batchSize));
        if (!batches.isEmpty()) {
            assertThat(batches.get(batches.size() - 1).soakAfter()).isZero();
        }
    }
}
