package io.releaseguard.engine.promotion;

import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.health.HealthGate;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.Notifier;
import io.releaseguard.engine.registry.ImageRegistry;
import io.releaseguard.engine.regression.RegressionWatch;
import io.releaseguard.engine.release.ReleaseAuthorship;
import io.releaseguard.engine.snapshot.SnapshotService;
import io.releaseguard.engine.state.StateStore;
import io.releaseguard.engine.status.CommitStatuses;
import io.releaseguard.engine.target.Targets;
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
 * (when the policy names a forge), the registry images are retagged in (when the policy names one), where progress
 * is shown, how a service's target is opened (the SSH pre-flight) and who wrote a release (git). Every port that
 * touches a file, a process or the network is one of these collaborators, so a front can run them elsewhere (the
 * Jenkins plugin runs them on the build's agent, see {@code io.releaseguard.engine.node}).
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
        Notifier notifier,
        Soaker soaker,
        Optional<SnapshotService> snapshots,
        Optional<CommitStatuses> commitStatuses,
        Optional<ImageRegistry> registry,
        Consumer<String> progress,
        Targets targets,
        ReleaseAuthorship authorship) {

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
                progress,
                targets,
                authorship);
    }

    /** Lists a fleet's tenants in an environment (from the policy or the fleet's tenants URL). */
    @FunctionalInterface
    public interface TenantDirectory {
        List<String> tenants(ServiceSpec service, String environment)
                throws io.releaseguard.engine.ReleaseGuardException;
    }
}
