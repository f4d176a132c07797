package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.identity.UserIds;
import io.releaseguard.engine.promotion.PromotionResult.Outcome;
import io.releaseguard.engine.release.ReleaseAuthorship;
import io.releaseguard.engine.release.ReleaseAuthorship.Authorship;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.state.PromotionStatus;
import io.releaseguard.engine.state.ReleaseAuthor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a promote request stands before its gates run: the open promotion it continues (same release, digest and
 * environment), a new one, or an answer without any promotion. Such an answer is either "already live, nothing to do"
 * or a refusal by the admission gates (path, release order) of a request nothing is open for; a refusal records
 * nothing, in state or audit, since there is no promotion it could become.
 */
final class PromotionRequests {
    private final PromotionIds ids = new PromotionIds();
    private final PromotionContext ctx;
    private final PromotionGates gates;
    private final PromotionRecords records;
    private final ImageRetags retags;
    private final ReleaseAuthorship authorship;

    PromotionRequests(
            PromotionContext ctx,
            PromotionGates gates,
            PromotionRecords records,
            ImageRetags retags,
            ReleaseAuthorship authorship) {
        this.ctx = ctx;
        this.gates = gates;
        this.records = records;
        this.retags = retags;
        this.authorship = authorship;
    }

    /** Either the promotion to run or the answer to give instead. */
    record Admission(Optional<PendingPromotion> promotion, Optional<PromotionResult> answer) {}

    Admission admit(String release, EnvironmentSpec environment, PromoteRequest req) throws ReleaseGuardException {
        String env = environment.name();
        Optional<PromotionResult> live = alreadyLive(release, environment, req);
        if (live.isPresent()) {
            return new Admission(Optional.empty(), live);
        }
        Optional<PendingPromotion> open = findOpen(release, env, req);
        if (open.isPresent()) {
            return new Admission(open, Optional.empty());
        }
        List<GateResult> refused = gates
                .admission(
                        release,
                        env,
                        PathDecision.decide(ctx.config(), release, env, ctx.state()),
                        req.explicitRollback())
                .stream()
                .filter(GateResult::stops)
                .toList();
        if (!refused.isEmpty()) {
            return new Admission(
                    Optional.empty(),
                    Optional.of(new PromotionResult(
                            "",
                            env,
                            release,
                            Outcome.BLOCKED,
                            refused,
                            "request refused, nothing recorded:\n  "
                                    + String.join(
                                            "\n  ",
                                            refused.stream()
                                                    .map(GateResult::describe)
                                                    .toList()),
                            Optional.empty(),
                            Optional.empty())));
        }
        return new Admission(Optional.of(create(release, env, req)), Optional.empty());
    }

    /**
     * Promoting what is already live (and not in the middle of a promotion) does nothing: running the same command
     * twice never deploys twice. It only retags images its promotion could not retag.
     */
    private Optional<PromotionResult> alreadyLive(String release, EnvironmentSpec environment, PromoteRequest req)
            throws ReleaseGuardException {
        String env = environment.name();
        Optional<Deployment> live = ctx.state().lastSuccessful(env);
        boolean open = ctx.state().promotions(Optional.of(env)).stream()
                .anyMatch(p -> p.release().equals(release) && p.status() == PromotionStatus.DEPLOYING);
        if (live.isEmpty()
                || !live.get().release().equals(release)
                || open
                || req.emergencyReason().isPresent()) {
            return Optional.empty();
        }
        Optional<PromotionResult> retagged = retags.finish(live.get(), environment);
        if (retagged.isPresent()) {
            return retagged;
        }
        return Optional.of(new PromotionResult(
                live.get().promotionId(),
                env,
                release,
                Outcome.SUCCEEDED,
                List.of(),
                release + " is already live in " + env + " (since " + live.get().end() + "); nothing to do",
                Optional.empty(),
                Optional.empty()));
    }

    /** The open promotion of this release and digest to this environment, if there is one. */
    private Optional<PendingPromotion> findOpen(String release, String env, PromoteRequest req)
            throws ReleaseGuardException {
        return ctx.state().promotions(Optional.of(env)).stream()
                .filter(p -> p.status() == PromotionStatus.PENDING
                        || p.status() == PromotionStatus.APPROVED
                        || p.status() == PromotionStatus.DEPLOYING)
                .filter(p -> p.release().equals(release) && p.artifactDigest().equals(req.artifactDigest()))
                .findFirst();
    }

    /**
     * A new promotion request, recorded and audited, with the release's authors: those the request names and the
     * author and committer of the commit the release names in the policy's repository. The audit record lists them
     * and says what git answered, including why it knew no commit.
     */
    private PendingPromotion create(String release, String env, PromoteRequest req) throws ReleaseGuardException {
        String requester = UserIds.require("requester", req.requestedBy());
        String id = ids.next(
                env, release, req.artifactDigest(), requester, ctx.clock().instant());
        while (ctx.state().promotion(id).isPresent()) {
            // Never reuse a promotion's file (and its approvals): draw again until the id is new.
            id = ids.next(
                    env, release, req.artifactDigest(), requester, ctx.clock().instant());
        }
        List<ReleaseAuthor> authors = new ArrayList<>();
        for (String a : req.authors()) {
            ReleaseAuthor named = ReleaseAuthor.named(UserIds.require("author", a));
            if (!authors.contains(named)) {
                authors.add(named);
            }
        }
        Authorship git = authorship.of(release);
        authors.addAll(git.authors());
        PendingPromotion p = new PendingPromotion(
                id,
                env,
                release,
                requester,
                req.artifactDigest(),
                ctx.clock().instant(),
                PromotionStatus.PENDING,
                authors);
        ctx.state().savePromotion(p);
        String named = authors.isEmpty()
                ? "none recorded"
                : String.join(
                        ", ", authors.stream().map(ReleaseAuthor::describe).toList());
        records.audit(
                p,
                "promotion.request",
                "PENDING",
                requester + " requested " + release + " to " + env + "; release authors: " + named + " (" + git.note()
                        + ")");
        return p;
    }
}
