package io.releaseguard.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class TornTailPropertyTest {

    @Property(tries = 80)
    void cuttingTheLogAnywhereKeepsEveryCompleteRecordAndTheNextAppendRepairs(
            @ForAll @IntRange(min = 1, max = 8) int count,
            @ForAll @DoubleRange(min = 0.0, max = 1.0, maxIncluded = false) double cutAt)
            throws Exception {
        Path dir = Files.createTempDirectory("torn");
        try {
            Path file = dir.resolve("audit.jsonl");
            MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
            FileAuditLog log = new FileAuditLog(file, clock);
            for (int i = 0; i < count; i++) {
                log.append(
                        new AuditEntry("u", "a", "staging", "s" + i, "PASS", "r", Map.of("pad", "p".repeat(i * 97))));
                clock.advance(Duration.ofSeconds(1));
            }
            byte[] full = Files.readAllBytes(file);
            int cut = (int) (cutAt * full.length);
            Files.write(file, Arrays.copyOf(full, cut));
            int completeEnd = lastLineEnd(full, cut);
            long complete = countNewlines(full, completeEnd);

            AuditReadResult read = log.read();

            assertThat(read.records()).hasSize((int) complete);
            assertThat(read.problems()).isEmpty();
            if (completeEnd == cut) {
                assertThat(read.tornTail()).isEmpty();
            } else {
                assertThat(read.tornTail()).hasValueSatisfying(t -> {
                    assertThat(t.offset()).isEqualTo(completeEnd);
                    assertThat(t.length()).isEqualTo(cut - completeEnd);
                });
            }
            assertThat(log.verify().ok()).isTrue();

            AuditRecord next = log.append(new AuditEntry("u", "a", null, "after", "PASS", "r"));

            boolean torn = completeEnd != cut;
            assertThat(next.seq()).isEqualTo(complete + (torn ? 2 : 1));
            AuditVerification after = log.verify();
            assertThat(after.ok()).isTrue();
            assertThat(after.warnings()).isEmpty();
            if (torn) {
                AuditRecord repair = log.read().records().get((int) complete);
                assertThat(repair.action()).isEqualTo(FileAuditLog.REPAIR_ACTION);
                assertThat(Files.readAllBytes(dir.resolve(repair.details().get("quarantine"))))
                        .isEqualTo(Arrays.copyOfRange(full, completeEnd, cut));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static int lastLineEnd(byte[] bytes, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static long countNewlines(byte[] bytes, int limit) {
        long n = 0;
        for (int i = 0; i < limit; i++) {
            n += bytes[i] == '\n' ? 1 : 0;
        }
        return n;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
