package io.releaseguard.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.ChildMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The done-when of the audit log: a child JVM appends in a tight loop and is SIGKILLed at random points, many times,
 * on the same log; every acknowledged record survives, the chain verifies and the next append succeeds.
 */
class AuditLogKillTest {
    private static final int RUNS = 25;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void killingAnAppenderNeverLeavesAnUnreadableLog() throws Exception {
        long seed = Long.getLong("killTest.seed", new Random().nextLong());
        System.out.println("AuditLogKillTest seed: " + seed + " (rerun with -DkillTest.seed=" + seed + ")");
        Random random = new Random(seed);
        Path file = dir.resolve("audit.jsonl");
        FileAuditLog parent = new FileAuditLog(file, Clock.systemUTC());
        int tornTails = 0;
        List<Long> acknowledged = new ArrayList<>();
        long started = System.nanoTime();

        for (int run = 0; run < RUNS; run++) {
            long lastAcknowledged = 0;
            try (ChildJvm child = ChildJvm.start(ChildMain.class, "audit-loop", file.toString())) {
                int target = 1 + random.nextInt(40);
                for (int i = 0; i < target; i++) {
                    lastAcknowledged = Long.parseLong(child.readLine());
                    acknowledged.add(lastAcknowledged);
                }
                child.kill();
            }

            AuditReadResult read = parent.read();
            Set<Long> seqs = read.records().stream().map(AuditRecord::seq).collect(Collectors.toSet());
            assertThat(seqs)
                    .as("run %d: every acknowledged record is kept", run)
                    .contains(lastAcknowledged);
            assertThat(read.problems()).as("run %d", run).isEmpty();
            AuditVerification verification = parent.verify();
            assertThat(verification.ok()).as("run %d: %s", run, verification).isTrue();
            if (read.tornTail().isPresent()) {
                tornTails++;
            }

            AuditRecord after = parent.append(
                    new AuditEntry("test", "test.after-kill", null, "run-" + run, "PASS", "after SIGKILL", Map.of()));
            assertThat(after.seq()).isGreaterThan(lastAcknowledged);
            AuditVerification afterAppend = parent.verify();
            assertThat(afterAppend.ok())
                    .as("run %d after append: %s", run, afterAppend)
                    .isTrue();
            assertThat(afterAppend.warnings()).isEmpty();
        }

        AuditReadResult finalRead = parent.read();
        List<AuditRecord> records = finalRead.records();
        long repairs = records.stream()
                .filter(r -> r.action().equals(FileAuditLog.REPAIR_ACTION))
                .count();
        long quarantined;
        try (Stream<Path> files = Files.list(dir)) {
            quarantined = files.filter(p -> p.getFileName().toString().startsWith("audit.jsonl.torn-"))
                    .count();
        }
        System.out.printf(
                "AuditLogKillTest: %d kills in %d ms, %d acknowledged by children, %d records, %d torn tails seen,"
                        + " %d repairs, %d quarantine files%n",
                RUNS,
                (System.nanoTime() - started) / 1_000_000,
                acknowledged.size(),
                records.size(),
                tornTails,
                repairs,
                quarantined);
        assertThat(records.stream().filter(r -> r.action().equals("test.after-kill")))
                .hasSize(RUNS);
        assertThat(repairs).isEqualTo(tornTails).isEqualTo(quarantined);
        assertThat(acknowledged).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(RUNS);
    }
}
