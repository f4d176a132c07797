package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.calendar.CalendarDecision;
import io.releaseguard.engine.calendar.EmergencyOverride;
import io.releaseguard.engine.calendar.Reason;
import io.releaseguard.engine.config.EmergencyPolicy.Bypass;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TargetSpec;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.pir.PostIncidentReview;
import io.releaseguard.engine.pir.PostIncidentReviews;
import io.releaseguard.engine.promotion.GateResult.Verdict;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.Outcome;
import io.releaseguard.engine.state.PendingPromotion;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates every gate of a promotion and reports all of them, not only the first that blocks: path, release order,
 * open post-incident reviews, required commit statuses, calendar, soak, kill switch and approvals. {@link #recheck} is
 * the subset re-read immediately before each production action (calendar and kill switch); {@link #commitStatus} is
 * read once more right before a promotion's first one, together with {@link #sshHosts}. An emergency turns a stopping gate into OVERRIDDEN only where
 * {@code emergency.bypass} lists it.
 */
final class PromotionGates {
    private final PromotionContext ctx;

    PromotionGates(PromotionContext ctx) {
        this.ctx = ctx;
    }

    List<GateResult> preflight(
            PendingPromotion p, PathDecision path, EmergencyOverride emergency, boolean explicitRollback)
            throws ReleaseGuardException {
        Instant now = ctx.clock().instant();
        EnvironmentSpec env = ctx.config().environment(p.environment()).orElseThrow();
        List<GateResult> gates = new ArrayList<>(admission(p.release(), p.environment(), path, explicitRollback));
        reviews(p, emergency).ifPresent(gates::add);
        commitStatus(p, emergency).ifPresent(gates::add);
        gates.addAll(recheck(p.environment(), emergency));
        path.soak(ctx.config(), p.environment(), now)
                .ifPresent(soak -> gates.add(new GateResult(
                        "SOAK",
                        soak.done()
                                ? Verdict.OPEN
                                : emergency.bypass().contains(Bypass.SOAK) ? Verdict.OVERRIDDEN : Verdict.BLOCKED,
                        String.join("; ", soak.details()))));
        if (env.approvals().isPresent()) {
            ApprovalStatus status = new Approvals(ctx.config(), ctx.state(), ctx.clock()).status(p.id());
            Verdict v =
                    switch (status.state()) {
                        case APPROVED -> Verdict.OPEN;
                        case REJECTED -> Verdict.BLOCKED;
                        case PENDING -> emergency.bypass().contains(Bypass.APPROVALS)
                                ? Verdict.OVERRIDDEN
                                : Verdict.PENDING;
                    };
            String notCounted = status.ignored().stream()
                    .filter(i -> i.reason() != ApprovalStatus.Reason.SUPERSEDED)
                    .map(ApprovalStatus.Ignored::message)
                    .collect(java.util.stream.Collectors.joining("; "));
            gates.add(new GateResult(
                    GateResult.APPROVALS,
                    v,
                    status.message() + (notCounted.isEmpty() ? "" : "; not counted: " + notCounted) + " (promotion "
                            + p.id() + ")"));
        }
        return gates;
    }

    /** The gates read again right before every production call: calendar and kill switch. */
    List<GateResult> recheck(String environment, EmergencyOverride emergency) throws ReleaseGuardException {
        List<GateResult> gates = new ArrayList<>();
        Optional<Instant> last = ctx.state().lastSuccessful(environment).map(Deployment::end);
        CalendarDecision d = ctx.calendar().decide(environment, ctx.clock().instant(), last, emergency);
        for (int i = 0; i < d.reasons().size(); i++) {
            Reason r = d.reasons().get(i);
            String next = i < d.reasons().size() - 1
                    ? ""
                    : d.nextOpen()
                            .map(t -> "; the calendar opens again at " + t)
                            .orElse("; no opening within "
                                    + io.releaseguard.engine.calendar.DeployCalendar.HORIZON.toDays() + " days");
            gates.add(new GateResult(r.code().name(), Verdict.BLOCKED, r.message() + next));
        }
        for (Reason r : d.overridden()) {
            gates.add(new GateResult(r.code().name(), Verdict.OVERRIDDEN, r.message()));
        }
        if (d.reasons().isEmpty() && d.overridden().isEmpty()) {
            gates.add(new GateResult("CALENDAR", Verdict.OPEN, "no freeze, inside the window, interval respected"));
        }
        KillSwitchState k = ctx.killSwitch().apply(environment).get();
        gates.add(new GateResult(
                "KILL_SWITCH", k.engaged() ? Verdict.BLOCKED : Verdict.OPEN, k.source() + ": " + k.reason()));
        return gates;
    }

    /**
     * The gates that say whether this request makes sense at all, before anything is recorded for it: the path and
     * the release order. A new request one of them stops is refused without a trace in state or audit.
     */
    List<GateResult> admission(String release, String environment, PathDecision path, boolean explicitRollback)
            throws ReleaseGuardException {
        List<GateResult> gates = new ArrayList<>();
        gates.add(new GateResult(
                "PATH", path.allowed() ? Verdict.OPEN : Verdict.BLOCKED, String.join("; ", path.details())));
        order(release, environment, explicitRollback).ifPresent(gates::add);
        return gates;
    }

    /** Never an older release than what is live, unless it is an explicit rollback. */
    private Optional<GateResult> order(String release, String environment, boolean explicitRollback)
            throws ReleaseGuardException {
        Optional<Deployment> live = ctx.state().lastSuccessful(environment);
        if (live.isEmpty() || live.get().release().equals(release)) {
            return Optional.empty();
        }
        String entry = ctx.config().environments().get(0).name();
        Optional<Instant> mine = firstSuccess(entry, release);
        Optional<Instant> theirs = firstSuccess(entry, live.get().release());
        if (mine.isEmpty() || theirs.isEmpty() || !mine.get().isBefore(theirs.get())) {
            return Optional.of(new GateResult(
                    "RELEASE_ORDER",
                    Verdict.OPEN,
                    release + " is not older than live " + live.get().release()));
        }
        String msg = release + " entered " + entry + " at " + mine.get() + ", before live "
                + live.get().release() + " (" + theirs.get() + ")";
        return Optional.of(
                explicitRollback
                        ? new GateResult("RELEASE_ORDER", Verdict.OVERRIDDEN, msg + "; explicit rollback")
                        : new GateResult(
                                "RELEASE_ORDER", Verdict.BLOCKED, msg + "; an older release needs --rollback"));
    }

    private Optional<Instant> firstSuccess(String env, String release) throws ReleaseGuardException {
        return ctx.state().deployments(env).stream()
                .filter(d -> d.release().equals(release) && d.outcome() == Outcome.SUCCEEDED)
                .map(Deployment::start)
                .min(Instant::compareTo);
    }

    /**
     * When the environment requires commit statuses: their state on the release's commit, OVERRIDDEN instead of
     * stopping when the emergency may bypass {@code commitStatuses}.
     */
    /** How long the pre-flight waits for one SSH host (the bastion hop included). */
    static final Duration SSH_PREFLIGHT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Every SSH host the promotion will deploy to (each service's target in the environment), reached with the same
     * client settings a deploy uses and asked to run {@code true}: an unreachable host or an unknown or changed host key
     * (bastion included) stops the promotion before anything is touched, instead of failing a deploy and then the
     * rollback over the same refused connection. No emergency bypasses it: without the host there is nothing to do.
     */
    Optional<GateResult> sshHosts(PendingPromotion p) {
        List<String> problems = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (ServiceSpec service : ctx.config().services()) {
            Optional<TargetSpec.Ssh> ssh = service.sshTarget(p.environment());
            if (!service.rollsOutTo(p.environment()) || ssh.isEmpty()) {
                continue;
            }
            try (Target target = ctx.targets().open(ctx.config(), p.environment(), service, SSH_PREFLIGHT_TIMEOUT)) {
                ExecResult r = target.exec("true");
                if (r.exitCode() == 0) {
                    reached.add(service.name() + " (" + target.describe() + ")");
                } else {
                    problems.add(service.name() + ": " + target.describe() + " answered exit " + r.exitCode()
                            + " to `true`");
                }
            } catch (ReleaseGuardException e) {
                problems.add(service.name() + ": " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return reached.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new GateResult(SSH_HOSTS, Verdict.OPEN, "reached " + String.join(", ", reached)));
        }
        return Optional.of(new GateResult(
                SSH_HOSTS,
                Verdict.BLOCKED,
                String.join("; ", problems) + " — nothing was deployed; fix the host (or verify a new host key out of"
                        + " band and update known_hosts) and run the promotion again"));
    }

    static final String SSH_HOSTS = "SSH_HOSTS";

    Optional<GateResult> commitStatus(PendingPromotion p, EmergencyOverride emergency) {
        EnvironmentSpec env = ctx.config().environment(p.environment()).orElseThrow();
        if (env.requiredStatuses().isEmpty()) {
            return Optional.empty();
        }
        GateResult read = readCommitStatus(p, env);
        return Optional.of(
                read.stops() && emergency.bypass().contains(Bypass.COMMIT_STATUSES)
                        ? new GateResult(read.gate(), Verdict.OVERRIDDEN, read.message())
                        : read);
    }

    private GateResult readCommitStatus(PendingPromotion p, EnvironmentSpec env) {
        String ref = CommitStatusGate.ref(p.release());
        if (ctx.commitStatuses().isEmpty()) {
            return new GateResult(
                    CommitStatusGate.GATE,
                    Verdict.BLOCKED,
                    p.environment() + " requires statuses " + String.join(", ", env.requiredStatuses())
                            + " but no forge is configured to read them (git.pullRequests)");
        }
        try {
            return CommitStatusGate.decide(
                    ref, env.requiredStatuses(), ctx.commitStatuses().get().statuses(ref));
        } catch (ReleaseGuardException e) {
            return new GateResult(
                    CommitStatusGate.GATE,
                    Verdict.BLOCKED,
                    "cannot read the statuses of " + ref + ": " + e.getMessage());
        }
    }

    /** An emergency leaves a review open; until it is closed only emergencies may promote there. */
    private Optional<GateResult> reviews(PendingPromotion p, EmergencyOverride emergency) throws ReleaseGuardException {
        List<PostIncidentReview> open = new PostIncidentReviews(ctx.stateDir(), ctx.clock())
                .open().stream()
                        .filter(r -> r.environment().equals(p.environment()))
                        .toList();
        if (open.isEmpty()) {
            return Optional.empty();
        }
        String ids = String.join(", ", open.stream().map(PostIncidentReview::id).toList());
        return Optional.of(
                emergency.requested()
                        ? new GateResult("REVIEW", Verdict.OVERRIDDEN, "open post-incident review(s): " + ids)
                        : new GateResult(
                                "REVIEW",
                                Verdict.BLOCKED,
                                "close the open post-incident review(s) first"
                                        + " (release-guard pir close --id ID --by USER): " + ids));
    }
}
