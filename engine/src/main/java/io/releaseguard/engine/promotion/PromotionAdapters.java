package io.releaseguard.engine.promotion;

import io.releaseguard.engine.calendar.HttpAndFileIcsFetcher;
import io.releaseguard.engine.calendar.IcsFetcher;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.config.KillSwitchSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.deploy.BlueGreenDeployer;
import io.releaseguard.engine.deploy.DeployOutcome;
import io.releaseguard.engine.deploy.Deployer;
import io.releaseguard.engine.deploy.HttpDeployer;
import io.releaseguard.engine.deploy.TargetCommandDeployer;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.killswitch.KillSwitch;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.notify.WebhookNotifier;
import io.releaseguard.engine.release.JGitReleaseAuthorship;
import io.releaseguard.engine.release.ReleaseAuthorship;
import io.releaseguard.engine.status.CommitStatuses;
import io.releaseguard.engine.status.ForgeCommitStatuses;
import io.releaseguard.engine.target.Targets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The adapters that touch files, processes and the network for one policy, built in the process that runs them:
 * deploys (HTTP, commands locally or over SSH, blue/green), kill switches, webhooks, commit statuses, targets, git
 * authorship and ICS calendars. {@code env} resolves {@code ${env:NAME}} and is the environment of local deploy
 * commands; with {@code sshClientGetsEnvironment} the {@code ssh} client runs with it too (a Jenkins step's
 * environment, where {@code sshagent} put {@code SSH_AUTH_SOCK}), otherwise with this process's variables.
 */
public final class PromotionAdapters implements AutoCloseable {
    static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(30);
    static final Duration HTTP_DEPLOY_TIMEOUT = Duration.ofMinutes(2);

    private final ReleaseGuardConfig config;
    private final Map<String, String> env;
    private final boolean sshClientGetsEnvironment;
    // Made on first use: a task on a node builds these adapters for one call and many calls need none.
    private HttpHealthProbe probe;

    public PromotionAdapters(ReleaseGuardConfig config, Map<String, String> env, boolean sshClientGetsEnvironment) {
        this.config = config;
        this.env = Map.copyOf(env);
        this.sshClientGetsEnvironment = sshClientGetsEnvironment;
    }

    public ReleaseGuardConfig config() {
        return config;
    }

    /**
     * The one HTTP client of a promotion: health checks, build info, tenant lists, regression providers, the
     * registry, HTTP deploys, webhooks, kill-switch URLs and the forge.
     */
    public synchronized HttpHealthProbe probe() {
        if (probe == null) {
            probe = new HttpHealthProbe();
        }
        return probe;
    }

    /** How {@code s} is deployed; a service without a deploy action is rolled out elsewhere (its health decides). */
    public Deployer deployer(ServiceSpec s) {
        if (s.deploy().isEmpty()) {
            return r -> new DeployOutcome(
                    true,
                    "no deploy action configured: " + s.name()
                            + " is rolled out outside release-guard; its health gate decides");
        }
        DeploySpec spec = s.deploy().get();
        if (spec instanceof DeploySpec.Http h) {
            return new HttpDeployer(h, env, probe(), HTTP_DEPLOY_TIMEOUT);
        }
        if (spec instanceof DeploySpec.Command c) {
            return onTarget(s, c.command());
        }
        DeploySpec.BlueGreen bg = (DeploySpec.BlueGreen) spec;
        return new BlueGreenDeployer(onTarget(s, bg.start()), onTarget(s, bg.switchTraffic()));
    }

    private Deployer onTarget(ServiceSpec s, String command) {
        return new TargetCommandDeployer(s, command, config.baseDir(), env, COMMAND_TIMEOUT, sshClientGetsEnvironment);
    }

    /** Reads the kill switch of {@code environment} (its own, else the policy's), fail-closed. */
    public KillSwitchState killSwitch(String environment) {
        Optional<KillSwitchSpec> spec = config.environment(environment)
                .flatMap(EnvironmentSpec::killSwitch)
                .or(config::killSwitch);
        if (spec.isEmpty()) {
            return KillSwitchState.off("no kill switch configured");
        }
        return new KillSwitch(spec.get(), env, config.baseDir(), probe()).read();
    }

    public WebhookNotifier notifier() {
        return new WebhookNotifier(config.webhooks(), env, probe());
    }

    /** The forge's commit statuses, when the policy names {@code git.pullRequests}. */
    public Optional<CommitStatuses> commitStatuses() {
        return config.git().flatMap(GitSpec::pullRequests).map(forge -> new ForgeCommitStatuses(forge, env, probe()));
    }

    public Targets targets() {
        return sshClientGetsEnvironment ? Targets.fromConfig(env) : Targets.fromConfig();
    }

    public ReleaseAuthorship authorship() {
        return JGitReleaseAuthorship.forPolicy(config);
    }

    public IcsFetcher icsFetcher() {
        return new HttpAndFileIcsFetcher(Duration.ofSeconds(10));
    }

    @Override
    public synchronized void close() {
        if (probe != null) {
            probe.close();
        }
    }
}
