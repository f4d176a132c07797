package io.releaseguard.engine.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.promotion.PromotionJournal.Status;
import io.releaseguard.engine.testing.ChildJvm;
import io.releaseguard.engine.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromotionJournalTest {
    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T15:00:00Z"));

    @Test
    void remembersTheLatestStatusOfEveryStepAcrossReopen() throws Exception {
        Path file = tmp.resolve("p1.journal.jsonl");
        PromotionJournal j = PromotionJournal.open(file, clock);
        StepKey a = new StepKey("p1", "api", "", "deploy");
        StepKey b = new StepKey("p1", "ledger", "t7", "deploy");
        j.started(a);
        j.done(a, "exit 0");
        j.started(b);
        PromotionJournal again = PromotionJournal.open(file, clock);
        assertThat(again.state(a).orElseThrow().status()).isEqualTo(Status.DONE);
        assertThat(again.state(a).orElseThrow().detail()).isEqualTo("exit 0");
        assertThat(again.state(b).orElseThrow().status()).isEqualTo(Status.STARTED);
        assertThat(again.entries().keySet()).containsExactly(a, b);
    }

    @Test
    void aTornLastLineIsIgnoredAndCutOnTheNextAppend() throws Exception {
        Path file = tmp.resolve("p1.journal.jsonl");
        PromotionJournal j = PromotionJournal.open(file, clock);
        StepKey a = new StepKey("p1", "api", "", "deploy");
        j.started(a);
        Files.writeString(
                file, Files.readString(file) + "{\"key\":\"p1/api//dep", java.nio.file.StandardOpenOption.WRITE);
        PromotionJournal reopened = PromotionJournal.open(file, clock);
        assertThat(reopened.state(a).orElseThrow().status()).isEqualTo(Status.STARTED);
        reopened.done(a, "ok");
        assertThat(Files.readString(file).lines()).hasSize(2).allMatch(l -> l.endsWith("}"));
        assertThat(PromotionJournal.open(file, clock).state(a).orElseThrow().status())
                .isEqualTo(Status.DONE);
    }

    @Test
    void stepKeysRoundTripAndRefuseSlashes() {
        StepKey k = new StepKey("promo-1", "ledger", "tenant-9", "deploy");
        assertThat(StepKey.parse(k.id())).isEqualTo(k);
        assertThat(k.id()).isEqualTo("promo-1/ledger/tenant-9/deploy");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StepKey("p", "a/b", "", "deploy"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A child journals steps in a loop and is SIGKILLed at random points; every acknowledged step survives. */
    @Test
    void survivesKillNineAtRandomPoints() throws Exception {
        long seed = Long.getLong("journalKill.seed", System.nanoTime());
        System.out.println("journal kill test seed: " + seed);
        Random random = new Random(seed);
        Path file = tmp.resolve("crash.journal.jsonl");
        int acknowledged = 0;
        for (int round = 0; round < 10; round++) {
            int stopAfter = 1 + random.nextInt(30);
            try (ChildJvm child = ChildJvm.start(JournalChild.class, file.toString(), Integer.toString(round))) {
                for (int i = 0; i < stopAfter; i++) {
                    assertThat(child.readLine()).startsWith("done ");
                    acknowledged++;
                }
                child.kill();
            }
            PromotionJournal j = PromotionJournal.open(file, clock);
            long done = j.entries().values().stream()
                    .filter(e -> e.status() == Status.DONE)
                    .count();
            assertThat(done).as("seed %d round %d", seed, round).isGreaterThanOrEqualTo(acknowledged);
        }
    }

    /** The child side of the crash test: journals STARTED and DONE for step after step, acknowledging each. */
    public static final class JournalChild {
        public static void main(String[] args) throws Exception {
            PromotionJournal j = PromotionJournal.open(Path.of(args[0]), java.time.Clock.systemUTC());
            for (int i = 0; ; i++) {
                StepKey k = new StepKey("p", "svc", "r" + args[1] + "t" + i, "deploy");
                j.started(k);
                j.done(k, "ok");
                System.out.println("done " + k.id());
                System.out.flush();
            }
        }
    }
}
