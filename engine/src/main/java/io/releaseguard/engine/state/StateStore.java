package io.releaseguard.engine.state;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.audit.AuditLog;
import java.util.List;
import java.util.Optional;

/**
 * What the engine remembers per environment between runs: deployments, pending promotions with their approvals, the
 * environment locks and the audit log. Every write is durable when the method returns; unreadable state is an error
 * naming the file, never silently reset. Environment and promotion ids must match {@link StateIds}.
 */
public interface StateStore {

    /** Deployments to {@code environment}, oldest first (by start, then id). */
    List<Deployment> deployments(String environment) throws ReleaseGuardException;

    /** The most recently started deployment to {@code environment} that {@link Outcome#SUCCEEDED}. */
    Optional<Deployment> lastSuccessful(String environment) throws ReleaseGuardException;

    /** Deployments to one environment or, when empty, to all of them, newest first (by start, then id). */
    List<Deployment> history(Optional<String> environment) throws ReleaseGuardException;

    /** Inserts the deployment or replaces the one with the same id. */
    void recordDeployment(Deployment deployment) throws ReleaseGuardException;

    /** Inserts the promotion or replaces the one with the same id, keeping its approvals. */
    void savePromotion(PendingPromotion promotion) throws ReleaseGuardException;

    /** The promotion with this id, if one was saved. */
    Optional<PendingPromotion> promotion(String id) throws ReleaseGuardException;

    /** Promotions to one environment or, when empty, to all, oldest first (by creation, then id). */
    List<PendingPromotion> promotions(Optional<String> environment) throws ReleaseGuardException;

    /** Adds a decision to a saved promotion; every decision is kept, in order, so a change of mind stays visible. */
    void addApproval(ApprovalRecord approval) throws ReleaseGuardException;

    /** The decisions on a promotion in the order they were added; empty for an unknown promotion. */
    List<ApprovalRecord> approvals(String promotionId) throws ReleaseGuardException;

    /** The audit log kept with this state. */
    AuditLog audit();

    /** The environment locks kept with this state. */
    EnvironmentLocks locks();
}
