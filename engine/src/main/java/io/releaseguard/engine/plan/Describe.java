package io.releaseguard.engine.plan;

import io.releaseguard.engine.config.ApprovalPolicy;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.Durations;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.FleetSpec;
import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.config.RegistrySpec;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.SnapshotSpec;
import io.releaseguard.engine.registry.OciNames;
import io.releaseguard.engine.secret.Redactor;
import java.util.ArrayList;
import java.util.List;

/** Human descriptions of configured policy for plans; URLs pass through the redactor so no secret is printed. */
final class Describe {
    private Describe() {}

    static String killSwitch(KillSwitchSpec k) {
        if (k instanceof KillSwitchSpec.EnvVar e) {
            return "environment variable " + e.name();
        }
        if (k instanceof KillSwitchSpec.File f) {
            return "file " + f.path();
        }
        KillSwitchSpec.Http h = (KillSwitchSpec.Http) k;
        return "GET " + Redactor.url(h.url()) + " at " + h.pointer();
    }

    static List<String> approvals(ApprovalPolicy a, ReleaseGuardConfig config) {
        List<String> d = new ArrayList<>();
        a.required().ifPresent(n -> d.add(n + " of " + String.join(", ", a.reviewers())));
        if (!a.allOf().isEmpty()) {
            d.add("one approval from every group: " + String.join(", ", a.allOf()));
        }
        if (a.preventSelfApproval()) {
            d.add("the requester and the release's authors (named in the request, and the git author and committer of"
                    + " its commit when git.repository is set) cannot approve (administrators included)");
        }
        a.expiresAfter()
                .ifPresent(e -> d.add(
                        "approvals expire after " + Durations.format(e) + " and are bound to the artifact digest"));
        if (a.requireSignedApprovals()) {
            d.add("every decision must be signed (--sign-with) by a key "
                    + a.allowedSigners().orElseThrow().getFileName() + " lists for the approver");
        }
        return d;
    }

    static List<String> snapshot(SnapshotSpec s, int keep) {
        List<String> d = new ArrayList<>();
        if (!s.files().isEmpty()) {
            d.add("files: " + String.join(", ", s.files()));
        }
        s.imagesCommand().ifPresent(c -> d.add("images from: " + c));
        if (!s.images().isEmpty()) {
            d.add("images: " + String.join(", ", s.images()));
        }
        s.restore().ifPresent(r -> d.add("restore with: " + r));
        d.add("keep the newest " + keep);
        return d;
    }

    static List<String> deploy(ServiceSpec s) {
        if (s.deploy().isEmpty()) {
            return List.of("no deploy action configured: the release is expected to be rolled out externally");
        }
        DeploySpec spec = s.deploy().get();
        if (spec instanceof DeploySpec.Command c) {
            return List.of(
                    "command: " + c.command(), "release and service are passed as arguments, never as shell text");
        }
        if (spec instanceof DeploySpec.Http h) {
            return List.of(h.method() + " " + Redactor.url(h.url()));
        }
        DeploySpec.BlueGreen b = (DeploySpec.BlueGreen) spec;
        List<String> d = new ArrayList<>();
        d.add("blue/green: start " + b.start());
        if (!s.health().isEmpty() || s.buildinfo().isPresent()) {
            d.add("health checks on the started version at its preview URL before any traffic moves");
        }
        d.add("switch traffic: " + b.switchTraffic() + " (kill switch re-read first)");
        d.add("the old version keeps running: a rollback switches back to it");
        return d;
    }

    static List<String> fleet(FleetSpec f, ServiceSpec s) {
        List<String> d = new ArrayList<>();
        d.add(
                f.canary().isEmpty()
                        ? "canary: first " + f.canaryCount() + " tenant(s)"
                        : "canary: " + String.join(", ", f.canary()));
        d.add("canary soak " + Durations.format(f.canarySoak()) + ", then batches of " + f.batchSize() + " with "
                + Durations.format(f.soakBetweenBatches()) + " between");
        d.add("kill switch re-read and calendar re-checked between batches");
        s.buildinfo()
                .ifPresent(b -> d.add("then every tenant must report the release's SHA at " + b.path() + b.pointer()));
        return d;
    }

    static List<String> health(ServiceSpec s, EnvironmentSpec target) {
        List<String> d = new ArrayList<>();
        String base = s.endpoints().getOrDefault(target.name(), s.isFleet() ? "(each tenant)" : "(no endpoint)");
        for (HealthCheckSpec h : s.health()) {
            d.add(h.name() + ": " + h.method() + " " + Redactor.url(base) + h.path() + " expect " + h.expectStatus()
                    + ", " + h.json().size() + " JSON assertion(s), "
                    + h.severity().name().toLowerCase(java.util.Locale.ROOT)
                    + ", timeout " + Durations.format(h.timeout()));
        }
        d.add("a failure rolls " + s.name() + " back automatically");
        return d;
    }

    static List<String> retag(RegistrySpec registry, List<ServiceSpec> services, EnvironmentSpec env, String release) {
        List<String> tags =
                env.retag().stream().map(t -> t.preview(env.name(), release)).toList();
        List<String> d = new ArrayList<>();
        for (ServiceSpec s : services) {
            d.add(OciNames.image(registry.url(), s.image().orElseThrow()) + ":" + OciNames.releaseTag(release) + " -> "
                    + String.join(", ", tags));
        }
        if (tags.stream().anyMatch(t -> t.contains("{timestamp}"))) {
            d.add("{timestamp}: when every service is healthy, UTC, yyyyMMdd-HHmmss");
        }
        d.add("same manifest bytes under each tag, verified by digest; a failure leaves the release live"
                + " (exit 4; run the same promote again to retry)");
        return d;
    }

    static List<String> regression(RegressionSpec r) {
        List<String> d = new ArrayList<>();
        r.prometheus().ifPresent(p -> d.add("Prometheus " + Redactor.url(p.url())));
        r.sentry().ifPresent(s -> d.add("Sentry " + s.organization() + "/" + s.project() + " (release health)"));
        d.add("after a " + Durations.format(r.soak()) + " soak: window " + Durations.format(r.window())
                + " after the deploy vs baseline " + Durations.format(r.baseline()) + "; fewer than "
                + r.minSamples() + " samples is INCONCLUSIVE");
        d.add(
                r.onInconclusive() == RegressionSpec.OnInconclusive.PROCEED
                        ? "FAIL rolls the service back; INCONCLUSIVE proceeds with a warning (onInconclusive: proceed)"
                        : "FAIL rolls the service back; INCONCLUSIVE halts the promotion (onInconclusive: block)");
        return d;
    }
}
