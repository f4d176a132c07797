package io.releaseguard.jenkins.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.node.NodeSite;
import io.releaseguard.engine.node.NodeWiring;
import io.releaseguard.engine.promotion.PromoteRequest;
import io.releaseguard.engine.promotion.Promoter;
import io.releaseguard.engine.promotion.Soaker;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One promote or resume step's promotion, free of Jenkins: the engine request, the policy it runs under and the
 * state folder it lives in. The requester is whoever started the build, handed in by the step, never an argument a
 * pipeline passes. {@link #attempt} runs the engine once, exactly like {@code release-guard promote}, and says what
 * the step does next. Serializable: a paused step keeps it across controller restarts.
 */
public final class PromotionTask implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The Pipeline function names, used in argument errors. */
    public static final String PROMOTE = "releaseGuardPromote";

    public static final String RESUME = "releaseGuardResume";

    private final String release;
    private final String environment;
    private final String requestedBy;
    private final String artifactDigest;

    /** User ids Jenkins knows wrote the release (the build's change-set authors), as {@code promote --author}. */
    private final ArrayList<String> authors;

    /** Why this is an emergency; null when it is not one. */
    private final String emergencyReason;

    private final PolicyRef policy;
    private final String stateDir;

    private PromotionTask(PromoteRequest request, PolicyRef policy, Path stateDir) {
        this.release = request.release();
        this.environment = request.environment();
        this.requestedBy = request.requestedBy();
        this.artifactDigest = request.artifactDigest();
        this.authors = new ArrayList<>(request.authors());
        this.emergencyReason = request.emergencyReason().orElse(null);
        this.policy = policy;
        this.stateDir = stateDir.toString();
    }

    /** {@link #promote(String, String, boolean, String, String, List, PolicyRef, Path)} naming no authors. */
    public static PromotionTask promote(
            String release,
            String to,
            boolean emergency,
            String reason,
            String requestedBy,
            PolicyRef policy,
            Path stateDir)
            throws ReleaseGuardException {
        return promote(release, to, emergency, reason, requestedBy, List.of(), policy, stateDir);
    }

    /**
     * {@code releaseGuardPromote(release:, to:, emergency:, reason:)} requested by {@code requestedBy}, with the
     * {@code authors} Jenkins knows (barred from approving it, as {@code promote --author}); approvals are bound to
     * the release tag, as the CLI's default digest.
     */
    public static PromotionTask promote(
            String release,
            String to,
            boolean emergency,
            String reason,
            String requestedBy,
            List<String> authors,
            PolicyRef policy,
            Path stateDir)
            throws ReleaseGuardException {
        String r = StepArguments.required(PROMOTE, "release", release);
        String env = StepArguments.required(PROMOTE, "to", to);
        boolean hasReason = reason != null && !reason.isBlank();
        if (hasReason && !emergency) {
            throw StepArguments.invalid(PROMOTE + ": 'reason' goes with 'emergency: true'");
        }
        Optional<String> emergencyReason = emergency ? Optional.of(hasReason ? reason : "") : Optional.empty();
        return new PromotionTask(
                new PromoteRequest(r, env, requestedBy, PromoteRequest.tagDigest(r), emergencyReason, false, authors),
                policy,
                stateDir);
    }

    /**
     * {@code releaseGuardResume(promotion:)}: the promotion as it was requested, when it was interrupted during its
     * rollout; otherwise an error saying where it stands.
     */
    public static PromotionTask resume(String promotionId, PolicyRef policy, Path stateDir, Clock clock)
            throws ReleaseGuardException {
        String id = StateIds.requireSafe("promotion", StepArguments.required(RESUME, "promotion", promotionId));
        StateStore state = new FileStateStore(stateDir, clock);
        List<PendingPromotion> interrupted = Promoter.interrupted(state, Optional.of(id));
        if (interrupted.isEmpty()) {
            String why = state.promotion(id)
                    .map(p -> "it is " + p.status() + ", not interrupted during its rollout")
                    .orElse("there is no such promotion in " + stateDir);
            throw StepArguments.invalid(RESUME + ": nothing to resume for promotion " + id + ": " + why);
        }
        return new PromotionTask(PromoteRequest.resuming(interrupted.get(0)), policy, stateDir);
    }

    public PromoteRequest request() {
        return new PromoteRequest(
                release,
                environment,
                requestedBy,
                artifactDigest,
                Optional.ofNullable(emergencyReason),
                false,
                // null in a task saved before authors were passed
                authors == null ? List.of() : authors);
    }

    public PolicyRef policy() {
        return policy;
    }

    public Path stateDir() {
        return Path.of(stateDir);
    }

    /** {@code RELEASE to ENV, requested by USER} (the authors Jenkins knows, the emergency), for the build log. */
    public String describe() {
        List<String> wrote = request().authors();
        return release + " to " + environment + ", requested by " + requestedBy
                + (wrote.isEmpty() ? "" : " (authors: " + String.join(", ", wrote) + ")")
                + (emergencyReason == null
                        ? ""
                        : " as an emergency" + (emergencyReason.isEmpty() ? "" : " (" + emergencyReason + ")"));
    }

    /**
     * Runs the promotion once under {@code policy} (what {@link #policy()} resolves to now). The decisions and the
     * state are here; every deploy, probe, file, SSH connection and git read runs on {@code node}, the node of the
     * step. {@code env} is the step's environment: it resolves the policy's
     * {@code ${env:NAME}} references and is the environment of the processes started on the node. Progress lines go
     * to {@code progress}. Running it again after approvals, a halt or a crash continues the same promotion.
     */
    public StepOutcome attempt(
            PolicySource policy,
            StepNode node,
            Map<String, String> env,
            Clock clock,
            Soaker soaker,
            Consumer<String> progress)
            throws ReleaseGuardException {
        ReleaseGuardConfig config = policy.load();
        NodeSite site = new NodeSite(policy.onNode(node.workspace()), env);
        NodeWiring.checkOnNode(node.executor(), site.policy());
        Path dir = stateDir();
        return StepOutcome.of(new Promoter(NodeWiring.context(
                        config, node.executor(), site, new FileStateStore(dir, clock), dir, clock, soaker, progress))
                .promote(request()));
    }
}
