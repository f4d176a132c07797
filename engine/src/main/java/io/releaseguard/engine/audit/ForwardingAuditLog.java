package io.releaseguard.engine.audit;

import io.releaseguard.engine.ReleaseGuardException;
import java.util.Optional;

/**
 * An {@link AuditLog} that forwards every call to another one, for decorators that only change how records are
 * appended (the promoter's fenced appends, a test's failing disk). It adds no behaviour of its own.
 */
public class ForwardingAuditLog implements AuditLog {
    private final AuditLog delegate;

    public ForwardingAuditLog(AuditLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public AuditRecord append(AuditEntry entry) throws ReleaseGuardException {
        return delegate.append(entry);
    }

    @Override
    public AuditReadResult read() throws ReleaseGuardException {
        return delegate.read();
    }

    @Override
    public Optional<AuditAnchor> head() throws ReleaseGuardException {
        return delegate.head();
    }

    @Override
    public AuditVerification verify() throws ReleaseGuardException {
        return delegate.verify();
    }
}
