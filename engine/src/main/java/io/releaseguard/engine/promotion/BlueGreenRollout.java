package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.TenantSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.DeployRequest;
import io.releaseguard.engine.health.CheckResult;
import io.releaseguard.engine.health.HealthReport;
import io.releaseguard.engine.health.Verdict;
import io.releaseguard.engine.state.PendingPromotion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One blue/green call for a service or tenant: start the new version beside the live one, run the service's health
 * checks against it at its preview URL, re-read the kill switch, and only then switch traffic. The preview must PASS
 * or WARN to switch (a check the policy marks {@code warn} holds no plain deploy back either); FAIL or INCONCLUSIVE
 * leaves traffic where it was. Start and switch are journaled under their own keys ({@code deploy-start}, then {@code
 * deploy}, which marks the target done), so a resumed promotion never starts or switches twice, and checks the preview
 * again before a switch it had not made.
 */
final class BlueGreenRollout {
    private final PromotionContext ctx;
    private final PromotionJournal journal;
    private final PendingPromotion promotion;

    BlueGreenRollout(PromotionContext ctx, PromotionJournal journal, PendingPromotion promotion) {
        this.ctx = ctx;
        this.journal = journal;
        this.promotion = promotion;
    }

    ServiceRollout.Call run(BlueGreenDeployer deployer, ServiceSpec service, Optional<String> tenant)
            throws ReleaseGuardException {
        DeployRequest switchTo = new DeployRequest(
                promotion.environment(),
                service.name(),
                promotion.release(),
                tenant,
                new StepKey(promotion.id(), service.name(), tenant.orElse(""), "deploy"));
        if (journal.isDone(switchTo.key())) {
            return ServiceRollout.Call.DONE;
        }
        String target = service.name() + tenant.map(t -> "/" + t).orElse("");
        DeployOutcome started = journal.deployOnce(deployer::start, switchTo.withStep("deploy-start"));
        if (!started.succeeded()) {
            return ServiceRollout.Call.failed("start of " + promotion.release() + " on " + target
                    + " failed, traffic not switched: " + started.detail());
        }
        Optional<String> unhealthy = preview(service, switchTo);
        if (unhealthy.isPresent()) {
            return ServiceRollout.Call.failed(unhealthy.get() + "; traffic not switched");
        }
        Optional<GateResult> killed =
                ServiceRollout.killSwitch(ctx, promotion.environment(), "before switching traffic on " + target);
        if (killed.isPresent()) {
            return ServiceRollout.Call.halted(killed.get());
        }
        DeployOutcome switched = journal.deployOnce(deployer, switchTo);
        if (!switched.succeeded()) {
            return ServiceRollout.Call.failed("switching traffic on " + target + " to " + promotion.release()
                    + " failed (the new version is up and passed its preview checks): " + switched.detail());
        }
        if (tenant.isEmpty()) {
            ctx.progress()
                    .accept(service.name() + ": " + promotion.release()
                            + " healthy at its preview, traffic switched; the previous version keeps running");
        }
        return ServiceRollout.Call.DONE;
    }

    /** The service's checks on the started version; empty when it may take traffic. */
    private Optional<String> preview(ServiceSpec service, DeployRequest r) throws ReleaseGuardException {
        if (service.health().isEmpty() && service.buildinfo().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> template = service.deploy()
                .filter(DeploySpec.BlueGreen.class::isInstance)
                .map(d -> ((DeploySpec.BlueGreen) d).preview().get(r.environment()));
        if (template.isEmpty()) {
            return Optional.of("no deploy.blueGreen.preview URL for " + r.environment() + ": the started version of "
                    + service.name() + " cannot be checked");
        }
        String url = r.fill(template.get(), BlueGreenRollout::encode);
        HealthReport report = ctx.health()
                .check(
                        atPreview(service, r.environment(), url, r.tenant()),
                        r.environment(),
                        Optional.of(r.release()),
                        r.tenant().map(List::of));
        if (report.verdict() == Verdict.PASS || report.verdict() == Verdict.WARN) {
            return Optional.empty();
        }
        return Optional.of("preview health " + report.verdict() + " for " + service.name() + " at "
                + report.checks().stream().map(CheckResult::url).findFirst().orElse(url)
                + ": " + ServiceRollout.problems(report));
    }

    /** {@code service} with {@code url} as its only endpoint (or its one tenant's) in {@code env}. */
    static ServiceSpec atPreview(ServiceSpec service, String env, String url, Optional<String> tenant) {
        return new ServiceSpec(
                service.name(),
                tenant.isEmpty() ? Map.of(env, url) : Map.of(),
                service.paths(),
                service.health(),
                service.buildinfo(),
                tenant.map(t -> List.of(new TenantSpec(t, Map.of(env, url)))).orElse(List.of()),
                Map.of(),
                service.fleet(),
                service.snapshot(),
                service.keepSnapshots(),
                service.deploy(),
                service.targets(),
                service.image());
    }

    /** A value as it may stand anywhere in a URL: everything but unreserved characters percent-encoded. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
