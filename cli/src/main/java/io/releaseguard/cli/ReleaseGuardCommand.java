package io.releaseguard.cli;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.PolicyTreeCache;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.state.FileStateStore;
import io.releaseguard.engine.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level command: global options shared by every subcommand, before or after its name. */
@Command(
        name = "release-guard",
        mixinStandardHelpOptions = true,
        versionProvider = ReleaseGuardCommand.Version.class,
        description = "Guarded release promotion: approvals, calendars, health gates, rollback.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, or the gate is open",
            "1:unexpected error",
            "2:blocked by a policy gate",
            "3:invalid configuration or arguments",
            "4:a health or regression check failed (and rollback ran)",
            "5:rollback failed and a human is needed"
        })
public final class ReleaseGuardCommand {
    /**
     * Every subcommand, in the order help lists them. Not in {@code @Command(subcommands)}: picocli would build the
     * model of every one of them on each run; {@link Cli} registers only the one invoked when it can tell which.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class,
            PlanCommand.class,
            PromoteCommand.class,
            ResumeCommand.class,
            HistoryCommand.class,
            WindowCommand.class,
            CalendarCommand.class,
            AuditCommand.class,
            DecisionCommands.Approve.class,
            DecisionCommands.Reject.class,
            TrainCommands.class,
            RcCommands.class,
            SnapshotCommand.class,
            RollbackCommand.class,
            PirCommand.class,
            DemoCommand.class,
            HealthCommand.class,
            RegressionCommand.class,
            FollowupCommand.class,
            HelpCommand.class);

    private final Clock clock;
    private final Map<String, String> environment;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "policy file (default: ./release-guard.yaml)")
    private Path config = Path.of("release-guard.yaml");

    @Option(
            names = "--state-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "state directory (default: ./.release-guard)")
    private Path stateDir = Path.of(".release-guard");

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print machine-readable JSON")
    private boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of errors")
    private boolean debug;

    public ReleaseGuardCommand(Clock clock) {
        this(clock, System.getenv());
    }

    /** A command line whose {@code ${env:NAME}} references resolve from {@code environment} (tests pass a map). */
    public ReleaseGuardCommand(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.environment = Map.copyOf(environment);
    }

    Clock clock() {
        return clock;
    }

    Map<String, String> environment() {
        return environment;
    }

    boolean json() {
        return json;
    }

    boolean debug() {
        return debug;
    }

    Path stateDir() {
        return stateDir;
    }

    Path configPath() {
        return config;
    }

    /**
     * Reads the policy; when {@code RELEASE_GUARD_CACHE_DIR} names a folder (bin/release-guard sets it), parsed trees
     * are kept there between runs.
     */
    ReleaseGuardConfig loadConfig() throws ReleaseGuardException {
        String cacheDir = environment.getOrDefault(CACHE_DIR, "");
        return ConfigLoader.load(
                config, cacheDir.isBlank() ? Optional.empty() : Optional.of(PolicyTreeCache.in(Path.of(cacheDir))));
    }

    /** Where parsed policies are kept between runs; unset or empty: nowhere. */
    static final String CACHE_DIR = "RELEASE_GUARD_CACHE_DIR";

    StateStore state() throws ReleaseGuardException {
        return new FileStateStore(stateDir, clock);
    }

    /** Reads the version the build wrote into the jar. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = ReleaseGuardCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"release-guard " + p.getProperty("version", "unknown")};
        }
    }
}
