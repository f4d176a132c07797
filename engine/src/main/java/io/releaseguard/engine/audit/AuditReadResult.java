package io.releaseguard.engine.audit;

import java.util.List;
import java.util.Optional;

/**
 * What reading an audit log found: every complete record in file order, the torn tail if a crash left one, and
 * problems (lines in the middle that do not parse), which mean corruption rather than a crash. A torn tail loses
 * nothing that was ever acknowledged, since an append returns only after its whole line is on disk.
 */
public record AuditReadResult(List<AuditRecord> records, Optional<TornTail> tornTail, List<String> problems) {

    public AuditReadResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }
}
