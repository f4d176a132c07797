package io.releaseguard.engine.promotion;

import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.registry.ImageRegistry;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.status.CommitStatuses;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything a promotion works with, wired once at the edge (CLI or Jenkins): the policy, state, clock, the
 * calendar, the health gate, the regression watch of the guard window, how each service is deployed, how its fleet
 * is listed, where the kill switch is read, notifications, how soaks are waited out, where commit statuses are read
 * (when the policy names a forge), the registry images are retagged in (when the policy names one), and where
 * progress is shown.
 */
public record PromotionContext(
        ReleaseGuardConfig config,
        StateStore state,
        Path stateDir,
        Clock clock,
        DeployCalendar calendar,
        HealthGate health,
        RegressionWatch regression,
        Function<ServiceSpec, Deployer> deployers,
        TenantDirectory tenants,
        Function<String, Supplier<KillSwitchState>> killSwitch,
        WebhookNotifier notifier,
        Soaker soaker,
        Optional<SnapshotService> snapshots,
        Optional<CommitStatuses> commitStatuses,
        Optional<ImageRegistry> registry,
        Consumer<String> progress) {

    /** This context with another state store (the promoter's fenced view of the same state). */
    public PromotionContext withState(StateStore other) {
        return new PromotionContext(
                config,
                other,
                stateDir,
                clock,
                calendar,
                health,
                regression,
                deployers,
                tenants,
                killSwitch,
                notifier,
                soaker,
                snapshots,
                commitStatuses,
                registry,
                progress);
    }

    /** Lists a fleet's tenants in an environment (from the policy or the fleet's tenants URL). */
    @FunctionalInterface
    public interface TenantDirectory {
        List<String> tenants(ServiceSpec service, String environment)
                throws io.releaseguard.engine.ReleaseGuardException;
    }
}
