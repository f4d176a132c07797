package io.releaseguard.engine.state;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditLog;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StateStore} that forwards every call to another one, for decorators that change only a few of them (the
 * promoter's fenced writes, a test's failing disk). It adds no behaviour of its own.
 */
public abstract class ForwardingStateStore implements StateStore {
    private final StateStore delegate;

    protected ForwardingStateStore(StateStore delegate) {
        this.delegate = delegate;
    }

    /** The store calls are forwarded to. */
    protected final StateStore delegate() {
        return delegate;
    }

    @Override
    public List<Deployment> deployments(String environment) throws ReleaseGuardException {
        return delegate.deployments(environment);
    }

    @Override
    public Optional<Deployment> lastSuccessful(String environment) throws ReleaseGuardException {
        return delegate.lastSuccessful(environment);
    }

    @Override
    public List<Deployment> history(Optional<String> environment) throws ReleaseGuardException {
        return delegate.history(environment);
    }

    @Override
    public void recordDeployment(Deployment deployment) throws ReleaseGuardException {
        delegate.recordDeployment(deployment);
    }

    @Override
    public void savePromotion(PendingPromotion promotion) throws ReleaseGuardException {
        delegate.savePromotion(promotion);
    }

    @Override
    public Optional<PendingPromotion> promotion(String id) throws ReleaseGuardException {
        return delegate.promotion(id);
    }

    @Override
    public List<PendingPromotion> promotions(Optional<String> environment) throws ReleaseGuardException {
        return delegate.promotions(environment);
    }

    @Override
    public void addApproval(ApprovalRecord approval) throws ReleaseGuardException {
        delegate.addApproval(approval);
    }

    @Override
    public List<ApprovalRecord> approvals(String promotionId) throws ReleaseGuardException {
        return delegate.approvals(promotionId);
    }

    @Override
    public AuditLog audit() {
        return delegate.audit();
    }

    @Override
    public EnvironmentLocks locks() {
        return delegate.locks();
    }
}
