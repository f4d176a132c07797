package io.releaseguard.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.ChildMain;
import io.releaseguard.engine.testing.MutableClock;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");

    private Path file() {
        return dir.resolve("audit.jsonl");
    }

    private FileAuditLog log() {
        return new FileAuditLog(file(), clock);
    }

    private List<AuditRecord> appendSome(int count) throws ReleaseGuardException {
        FileAuditLog log = log();
        List<AuditRecord> appended = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            appended.add(log.append(entry(i)));
            clock.advance(Duration.ofSeconds(1));
        }
        return appended;
    }

    static AuditEntry entry(int i) {
        return new AuditEntry("user" + i, "promotion.request", "staging", "promo-" + i, "OPEN", "r" + i, Map.of());
    }

    @Test
    void appendsAChainFromGenesisWithTheClocksInstants() throws Exception {
        List<AuditRecord> appended = appendSome(3);

        assertThat(appended).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
        assertThat(appended.get(0).prevHash()).isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(appended.get(1).prevHash()).isEqualTo(appended.get(0).hash());
        assertThat(appended.get(2).at()).isEqualTo(Instant.parse("2026-11-22T10:00:02Z"));
        AuditReadResult read = log().read();
        assertThat(read.records()).isEqualTo(appended);
        assertThat(read.tornTail()).isEmpty();
        assertThat(read.problems()).isEmpty();
        assertThat(log().verify().ok()).isTrue();
    }

    @Test
    void aMissingFileReadsAsAnEmptyLog() throws Exception {
        assertThat(log().read().records()).isEmpty();
        assertThat(log().verify()).satisfies(v -> {
            assertThat(v.ok()).isTrue();
            assertThat(v.records()).isZero();
        });
    }

    @Test
    void anEditedFieldIsATamperedRecord() throws Exception {
        appendSome(4);
        replaceInFile("\"reason\":\"r2\"", "\"reason\":\"r2, honestly\"");

        assertBroken(2, "record 2: hash mismatch (tampered)");
    }

    @Test
    void anEditWithARecomputedHashBreaksTheNextLink() throws Exception {
        appendSome(4);
        List<String> lines = lines();
        AuditRecord second = AuditCodec.parse(bytes(lines.get(1)), 0, bytes(lines.get(1)).length);
        AuditEntry forged = new AuditEntry(
                "mallory",
                second.action(),
                second.environment(),
                second.subject(),
                second.verdict(),
                second.reason(),
                second.details());
        lines.set(1, line(AuditCodec.seal(2, second.at(), forged, second.prevHash())));
        writeLines(lines);

        assertBroken(3, "record 3: prevHash does not match record 2");
    }

    @Test
    void aDeletedMiddleRecordBreaksTheChainWhereItWas() throws Exception {
        appendSome(5);
        List<String> lines = lines();
        lines.remove(2);
        writeLines(lines);

        assertBroken(4, "record 4: prevHash does not match record 2");
    }

    @Test
    void reorderedRecordsBreakTheChain() throws Exception {
        appendSome(4);
        List<String> lines = lines();
        Collections.swap(lines, 1, 2);
        writeLines(lines);

        assertBroken(3, "record 3: prevHash does not match record 1");
    }

    @Test
    void aDeletedFirstRecordIsReportedAgainstTheStartOfTheLog() throws Exception {
        appendSome(3);
        List<String> lines = lines();
        lines.remove(0);
        writeLines(lines);

        assertBroken(2, "record 2: prevHash does not match the start of the log (64 zeros)");
    }

    @Test
    void anUnparsableMiddleLineIsAnErrorNotATornTail() throws Exception {
        appendSome(3);
        List<String> lines = lines();
        lines.add(1, "not json");
        writeLines(lines);

        AuditReadResult read = log().read();
        assertThat(read.records()).hasSize(3);
        assertThat(read.tornTail()).isEmpty();
        AuditVerification verification = log().verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.error()).hasValueSatisfying(e -> assertThat(e).startsWith("line 2 (byte "));
    }

    @Test
    void anUnparsableLastLineIsATornTailAndIsQuarantinedOnAppend() throws Exception {
        appendSome(2);
        long size = Files.size(file());
        Files.write(file(), new byte[] {0, 0, 0, '\n'}, java.nio.file.StandardOpenOption.APPEND);

        AuditVerification before = log().verify();
        assertThat(before.ok()).isTrue();
        assertThat(before.warnings())
                .singleElement()
                .asString()
                .startsWith("torn last line at byte " + size + " (4 bytes, last line does not parse");

        AuditRecord next = log().append(entry(3));

        assertThat(next.seq()).isEqualTo(4);
        AuditRecord repair = log().read().records().get(2);
        assertThat(repair.action()).isEqualTo(FileAuditLog.REPAIR_ACTION);
        assertThat(Files.readAllBytes(dir.resolve(repair.details().get("quarantine"))))
                .containsExactly(0, 0, 0, '\n');
        assertThat(log().verify().warnings()).isEmpty();
    }

    @Test
    void refusesToAppendBehindTwoUnparsableLines() throws Exception {
        appendSome(2);
        Files.writeString(file(), "junk\nmore junk\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> log().append(entry(3)))
                .hasMessageContaining(file().toString())
                .hasMessageContaining("do not parse");
    }

    @Test
    void threadsWithSeparateInstancesKeepOneChain() throws Exception {
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Void>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            FileAuditLog own = log();
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    own.append(entry(i));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<Void> f : done) {
            f.get();
        }
        pool.shutdown();

        AuditVerification verification = log().verify();
        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(2 * perThread);
    }

    @Test
    @Timeout(60)
    void twoProcessesAppendingAtOnceKeepOneChain() throws Exception {
        int each = 150;
        long started = System.nanoTime();
        try (ChildJvm a = ChildJvm.start(ChildMain.class, "audit-count", file().toString(), "" + each, "jvm-a");
                ChildJvm b = ChildJvm.start(ChildMain.class, "audit-count", file().toString(), "" + each, "jvm-b")) {
            assertThat(a.waitFor()).as(a.stderrText()).isZero();
            assertThat(b.waitFor()).as(b.stderrText()).isZero();
        }
        System.out.printf(
                "two JVMs appended %d records in %d ms%n", 2 * each, (System.nanoTime() - started) / 1_000_000);

        AuditReadResult read = log().read();
        assertThat(read.records().stream().collect(Collectors.groupingBy(AuditRecord::actor, Collectors.counting())))
                .containsEntry("jvm-a", (long) each)
                .containsEntry("jvm-b", (long) each);
        AuditVerification verification = log().verify();
        assertThat(verification.ok()).as(verification.toString()).isTrue();
        assertThat(verification.warnings()).isEmpty();
    }

    @Test
    void readsAndVerifiesAHundredThousandRecords() throws Exception {
        int count = 100_000;
        String prev = AuditRecord.GENESIS_HASH;
        Instant at = clock.instant();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file()), 1 << 16)) {
            for (int i = 1; i <= count; i++) {
                AuditRecord record = AuditCodec.seal(i, at.plusMillis(i), entry(i), prev);
                out.write(AuditCodec.line(record));
                prev = record.hash();
            }
        }

        long t0 = System.nanoTime();
        AuditReadResult read = log().read();
        long t1 = System.nanoTime();
        AuditVerification verification = log().verify();
        long t2 = System.nanoTime();
        System.out.printf(
                "100k records, %d MB: read %d ms, read+verify %d ms%n",
                Files.size(file()) >> 20, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);

        assertThat(read.records()).hasSize(count);
        assertThat(read.records().get(count - 1).hash()).isEqualTo(prev);
        assertThat(verification.ok()).isTrue();

        long t3 = System.nanoTime();
        int appends = 200;
        for (int i = 0; i < appends; i++) {
            log().append(entry(i));
        }
        System.out.printf(
                "%d appends (fsync each) to a 100k-record log: %.0f appends/s%n",
                appends, appends / ((System.nanoTime() - t3) / 1e9));
        assertThat(log().verify().records()).isEqualTo(count + appends);
    }

    private void assertBroken(long seq, String error) throws ReleaseGuardException {
        AuditVerification verification = log().verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.firstBrokenSeq()).hasValue(seq);
        assertThat(verification.error()).hasValue(error);
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file()));
    }

    private void writeLines(List<String> lines) throws IOException {
        Files.writeString(file(), String.join("\n", lines) + "\n");
    }

    private void replaceInFile(String from, String to) throws IOException {
        String content = Files.readString(file());
        assertThat(content).contains(from);
        Files.writeString(file(), content.replace(from, to));
    }

    private static String line(AuditRecord record) {
        return new String(AuditCodec.line(record), StandardCharsets.UTF_8).stripTrailing();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
