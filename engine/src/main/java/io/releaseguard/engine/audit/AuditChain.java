package io.releaseguard.engine.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a read audit log is intact. The rule, record by record in file order: its {@code prevHash} must
 * equal the previous record's {@code hash} (64 zeros for the first), its {@code hash} must equal the SHA-256 of its
 * canonical form, and its {@code seq} must be one more than the previous one (1 for the first). Then every anchor
 * recorded elsewhere must name a record the log has, with the hash that record has: the chain alone cannot see a
 * log cut after its last record, or rewritten with every hash recomputed, but an anchor past the cut or before the
 * rewrite can. The first failure is the verdict; a torn tail is a warning.
 */
public final class AuditChain {
    private AuditChain() {}

    /** Verifies {@code read}; pure, so it can run on records from anywhere. */
    public static AuditVerification verify(AuditReadResult read) {
        return verify(read, List.of());
    }

    /** Verifies {@code read} and then every anchor, lowest position first. */
    public static AuditVerification verify(AuditReadResult read, List<AuditAnchor.Located> anchors) {
        AuditVerification chain = chain(read);
        if (!chain.ok()) {
            return chain;
        }
        List<AuditRecord> records = read.records();
        List<AuditAnchor.Located> sorted = anchors.stream()
                .sorted(Comparator.comparingLong(l -> l.anchor().records()))
                .toList();
        for (AuditAnchor.Located l : sorted) {
            long n = l.anchor().records();
            String claim = l.where() + " anchors record " + n + " with hash "
                    + abbrev(l.anchor().hash());
            if (n > records.size()) {
                return broken(
                        chain,
                        records.size() + 1L,
                        claim + ", but the log has only " + records.size() + " records (truncated?)");
            }
            AuditRecord at = records.get((int) (n - 1));
            if (!at.hash().equals(l.anchor().hash())) {
                return broken(
                        chain,
                        n,
                        claim + ", which does not match the record at that position (hash " + abbrev(at.hash())
                                + "): the log was changed at or before record " + n);
            }
        }
        return new AuditVerification(
                chain.records(), chain.firstBrokenSeq(), chain.error(), chain.warnings(), anchors.size(), 0);
    }

    private static AuditVerification broken(AuditVerification chain, long seq, String why) {
        return new AuditVerification(chain.records(), OptionalLong.of(seq), Optional.of(why), chain.warnings());
    }

    private static String abbrev(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    private static AuditVerification chain(AuditReadResult read) {
        List<String> warnings = new ArrayList<>();
        read.tornTail().ifPresent(t -> warnings.add(t.describe() + "; the next append moves it to quarantine"));
        List<AuditRecord> records = read.records();
        AuditRecord previous = null;
        for (AuditRecord record : records) {
            Optional<String> broken = check(previous, record);
            if (broken.isPresent()) {
                warnings.addAll(read.problems());
                return new AuditVerification(records.size(), OptionalLong.of(record.seq()), broken, warnings);
            }
            previous = record;
        }
        if (!read.problems().isEmpty()) {
            warnings.addAll(read.problems().subList(1, read.problems().size()));
            long next = previous == null ? 1 : previous.seq() + 1;
            return new AuditVerification(
                    records.size(),
                    OptionalLong.of(next),
                    Optional.of(read.problems().get(0)),
                    warnings);
        }
        return new AuditVerification(records.size(), OptionalLong.empty(), Optional.empty(), warnings);
    }

    private static Optional<String> check(AuditRecord previous, AuditRecord record) {
        String prefix = "record " + record.seq() + ": ";
        String expectedPrev = previous == null ? AuditRecord.GENESIS_HASH : previous.hash();
        if (!record.prevHash().equals(expectedPrev)) {
            return Optional.of(prefix + "prevHash does not match "
                    + (previous == null ? "the start of the log (64 zeros)" : "record " + previous.seq()));
        }
        if (!record.hash().equals(AuditCodec.expectedHash(record))) {
            return Optional.of(prefix + "hash mismatch (tampered)");
        }
        long expectedSeq = previous == null ? 1 : previous.seq() + 1;
        if (record.seq() != expectedSeq) {
            return Optional.of(prefix + "expected seq " + expectedSeq);
        }
        return Optional.empty();
    }
}
