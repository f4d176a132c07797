package io.releaseguard.engine.plan;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.config.EmergencyPolicy;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.plan.PlanStep.Kind;
import io.releaseguard.engine.plan.PlanStep.StepVerdict;
import io.releaseguard.engine.promotion.PathDecision;
import io.releaseguard.engine.release.ReleaseName;
import io.releaseguard.engine.secret.Redactor;
import io.releaseguard.engine.state.Deployment;
import io.releaseguard.engine.state.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the dry plan of promoting a release into an environment: the path rule (only from the previous
 * environment, skipping optional ones, only a release that succeeded there), then every configured gate and step in
 * the order a promotion meets them. It reads state but never writes it.
 */
public final class Planner {
    private final Clock clock;
    private final IcsFetcher icsFetcher;

    public Planner(Clock clock) {
        this(clock, new HttpAndFileIcsFetcher(Duration.ofSeconds(10)));
    }

    public Planner(Clock clock, IcsFetcher icsFetcher) {
        this.clock = clock;
        this.icsFetcher = icsFetcher;
    }

    public PromotionPlan plan(ReleaseGuardConfig config, String release, String targetEnv, StateStore state)
            throws ReleaseGuardException {
        ReleaseName name = ReleaseName.parse(release);
        EnvironmentSpec target = config.environment(targetEnv)
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown environment '" + targetEnv + "' (defined: "
                                + String.join(", ", config.environmentNames()) + ")"));
        Steps steps = new Steps();
        PathDecision path = PathDecision.decide(config, name.value(), target.name(), state);
        Optional<String> source = pathStep(path, steps);
        Optional<Instant> lastDeploy = state.lastSuccessful(target.name()).map(Deployment::end);
        CalendarSteps.describe(DeployCalendar.compile(config, icsFetcher), target, clock.instant(), lastDeploy, steps);
        soakStep(path, config, target, steps);
        gateSteps(config, target, steps);
        rolloutSteps(config, target, name.value(), steps);
        List<String> envPath = config.environmentNames().subList(0, config.indexOf(targetEnv) + 1);
        return new PromotionPlan(name.value(), targetEnv, source, envPath, steps.list, steps.verdict);
    }

    private static Optional<String> pathStep(PathDecision path, Steps steps) {
        steps.add(Kind.PATH, path.title(), path.allowed() ? StepVerdict.OK : StepVerdict.BLOCKED, path.details());
        return path.source();
    }

    private void soakStep(PathDecision path, ReleaseGuardConfig config, EnvironmentSpec target, Steps steps) {
        path.soak(config, target.name(), clock.instant())
                .ifPresent(soak -> steps.add(
                        Kind.SOAK,
                        "soak in " + soak.source(),
                        soak.pending() ? StepVerdict.PENDING : soak.done() ? StepVerdict.OK : StepVerdict.BLOCKED,
                        soak.details()));
    }

    private void gateSteps(ReleaseGuardConfig config, EnvironmentSpec target, Steps steps) {
        target.killSwitch()
                .or(config::killSwitch)
                .ifPresent(k -> steps.add(
                        Kind.KILL_SWITCH,
                        "kill switch re-read before every production call",
                        StepVerdict.PENDING,
                        List.of(
                                "source: " + Describe.killSwitch(k),
                                "unreadable counts as engaged (deployments disabled)")));
        if (!target.requiredStatuses().isEmpty()) {
            steps.add(
                    Kind.COMMIT_STATUS,
                    "required commit statuses green",
                    StepVerdict.PENDING,
                    List.of(
                            "statuses: " + String.join(", ", target.requiredStatuses()),
                            "read again under the lock right before the first deploy",
                            config.emergency().allows(EmergencyPolicy.Bypass.COMMIT_STATUSES)
                                    ? "an emergency may bypass them (emergency.bypass: commitStatuses)"
                                    : "an emergency does not bypass them"));
        }
        target.approvals()
                .ifPresent(a ->
                        steps.add(Kind.APPROVALS, "approvals", StepVerdict.PENDING, Describe.approvals(a, config)));
        List<String> lock = new ArrayList<>(List.of(
                "lease " + Durations.format(target.lockLease()) + ", fencing token; a second promotion is refused"));
        List<String> sshHosts = config.services().stream()
                .filter(s -> s.rollsOutTo(target.name()))
                .flatMap(s -> s.sshTarget(target.name()).map(ssh -> s.name() + " on " + ssh.host()).stream())
                .toList();
        if (!sshHosts.isEmpty()) {
            lock.add("then, before the first deploy, every SSH host is reached with its host key checked: "
                    + String.join(", ", sshHosts) + " (unreachable or changed key: blocked, nothing deployed)");
        }
        steps.add(Kind.LOCK, "take the " + target.name() + " lock", StepVerdict.ACTION, lock);
    }

    private void rolloutSteps(ReleaseGuardConfig config, EnvironmentSpec target, String release, Steps steps) {
        for (ServiceSpec s : config.services()) {
            if (!s.rollsOutTo(target.name())) {
                continue;
            }
            s.snapshot()
                    .ifPresent(snap -> steps.add(
                            Kind.SNAPSHOT,
                            "snapshot " + s.name(),
                            StepVerdict.ACTION,
                            Describe.snapshot(snap, s.keepSnapshots())));
            steps.add(Kind.DEPLOY, "deploy " + s.name(), StepVerdict.ACTION, Describe.deploy(s));
            s.fleet()
                    .ifPresent(f -> steps.add(
                            Kind.FLEET, "fleet rollout of " + s.name(), StepVerdict.ACTION, Describe.fleet(f, s)));
            if (!s.health().isEmpty() || s.buildinfo().isPresent()) {
                steps.add(Kind.HEALTH, "health gate for " + s.name(), StepVerdict.PENDING, Describe.health(s, target));
            }
            target.regression()
                    .ifPresent(r -> steps.add(
                            Kind.REGRESSION,
                            "error-regression check for " + s.name(),
                            StepVerdict.PENDING,
                            Describe.regression(r)));
        }
        if (steps.list.stream().noneMatch(st -> st.kind() == Kind.DEPLOY)) {
            steps.add(
                    Kind.DEPLOY,
                    "no service is rolled out to " + target.name(),
                    StepVerdict.OK,
                    List.of("no service has an endpoint, target or tenants in " + target.name()));
        }
        List<ServiceSpec> retagged = retagged(config, target);
        if (!retagged.isEmpty()) {
            RegistrySpec registry = config.registry().orElseThrow();
            steps.add(
                    Kind.RETAG,
                    "retag images in " + Redactor.url(registry.url()),
                    StepVerdict.ACTION,
                    Describe.retag(registry, retagged, target, release));
        }
        steps.add(Kind.MANIFEST, "write release-manifest.json and audit records", StepVerdict.ACTION, List.of());
        if (!config.followups().isEmpty()) {
            steps.add(
                    Kind.FOLLOWUP,
                    "schedule follow-up checks",
                    StepVerdict.ACTION,
                    List.of("at +"
                            + String.join(
                                    ", +",
                                    config.followups().stream()
                                            .map(Durations::format)
                                            .toList())));
        }
    }

    /**
     * The services whose images a promotion into {@code env} retags once every service is healthy: with a registry
     * configured and tags for the environment, those that roll out there and name an image, in rollout order.
     */
    public static List<ServiceSpec> retagged(ReleaseGuardConfig config, EnvironmentSpec env) {
        if (config.registry().isEmpty() || env.retag().isEmpty()) {
            return List.of();
        }
        return config.services().stream()
                .filter(s -> s.image().isPresent() && s.rollsOutTo(env.name()))
                .toList();
    }

    /** Accumulates numbered steps and the worst verdict. */
    static final class Steps {
        private final List<PlanStep> list = new ArrayList<>();
        private StepVerdict verdict = StepVerdict.OK;

        void add(Kind kind, String title, StepVerdict v, List<String> details) {
            list.add(new PlanStep(list.size() + 1, kind, title, v, details));
            if (v == StepVerdict.BLOCKED) {
                verdict = StepVerdict.BLOCKED;
            } else if (verdict != StepVerdict.BLOCKED && v == StepVerdict.PENDING) {
                verdict = StepVerdict.PENDING;
            }
        }
    }
}
