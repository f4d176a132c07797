package io.releaseguard.engine.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a read audit log is intact. The rule, record by record in file order: its {@code prevHash} must
 * equal the previous record's {@code hash} (64 zeros for the first), its {@code hash} must equal the SHA-256 of its
 * canonical form, and its {@code seq} must be one more than the previous one (1 for the first). The first failure
 * is the verdict; a torn tail is a warning.
 */
public final class AuditChain {
    private AuditChain() {}

    /** Verifies {@code read}; pure, so it can run on records from anywhere. */
    public static AuditVerification verify(AuditReadResult read) {
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
