package io.releaseguard.jenkins.policy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ConfigException;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ConfigProblem;
import io.releaseguard.engine.config.PolicyFiles;
import io.releaseguard.engine.config.PolicySize;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.node.NodePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Policy text together with the name its problems are reported under, the folder its relative references resolve
 * against and, for a policy read from a build's workspace, that workspace (on the build's node; {@code null} for the
 * global policy). A step reads the workspace's policy file when there is one and otherwise the global policy from
 * Manage Jenkins; this class holds the rules for both, free of Jenkins types so they are unit-tested offline. A
 * workspace policy's files are the node's: the controller never reads them ({@link #load}), the node does, confined
 * to the workspace ({@link #onNode}).
 */
public record PolicySource(String yaml, String sourceName, Path baseDir, String workspace) {

    /** The global policy (or one an administrator wrote): its files may be anywhere. */
    public PolicySource(String yaml, String sourceName, Path baseDir) {
        this(yaml, sourceName, baseDir, null);
    }

    /** The default policy file, relative to the workspace. */
    public static final String DEFAULT_FILE = "release-guard.yaml";

    /** How problems in the global policy are located: the JCasC key that holds it. */
    public static final String GLOBAL_SOURCE_NAME = "releaseGuard.policyYaml";

    private static final String WHERE_GLOBAL =
            "Manage Jenkins > System > Release Guard, or JCasC unclassified.releaseGuard.policyYaml";

    /** Whether the policy came from a build's workspace (and is confined to it). */
    public boolean fromWorkspace() {
        return workspace != null;
    }

    /**
     * Parses and validates the policy here, on the controller: the global policy as the CLI would (the controller's
     * own ICS files are read); a workspace policy without reading any file it names, its paths checked as written.
     */
    public ReleaseGuardConfig load() throws ConfigException {
        return fromWorkspace()
                ? ConfigLoader.parse(yaml, sourceName, baseDir, PolicyFiles.elsewhere(true))
                : ConfigLoader.parse(yaml, sourceName, baseDir);
    }

    /**
     * The policy as the build's node loads it, the step's workspace there being {@code nodeWorkspace}: a workspace
     * policy confined to its workspace; the global policy with its relative paths resolved in the workspace.
     */
    public NodePolicy onNode(String nodeWorkspace) {
        return fromWorkspace()
                ? NodePolicy.fromWorkspace(yaml, sourceName, baseDir.toString(), workspace)
                : NodePolicy.administered(yaml, sourceName, nodeWorkspace);
    }

    /**
     * Checks a step's {@code config} argument: a relative path that stays inside the workspace, so a pipeline can
     * not point the step at files elsewhere on the machine.
     */
    public static String requireWorkspacePath(String configPath) throws ReleaseGuardException {
        String path = configPath == null || configPath.isBlank() ? DEFAULT_FILE : configPath.strip();
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("[A-Za-z]:.*")) {
            throw invalid("config: '" + path + "' must be a path relative to the workspace");
        }
        if (Arrays.asList(path.split("[/\\\\]")).contains("..")) {
            throw invalid("config: '" + path + "' must stay inside the workspace (no '..')");
        }
        return path;
    }

    /** The policy file {@code path} read from the workspace folder {@code workspace}. */
    public static PolicySource fromWorkspace(String path, String workspace, InputStream content)
            throws IOException, ReleaseGuardException {
        // The engine's one size rule (PolicySize.MAX_BYTES), applied before a byte more than the limit is read.
        String text = PolicySize.read(path, content);
        Path dir = Path.of(workspace).resolve(path).getParent();
        return new PolicySource(text, path, dir, workspace);
    }

    /**
     * The global policy, used when the workspace has no policy file; {@code workspace} is null when the step runs
     * outside {@code node}. Fails with a message naming both places when neither holds a policy.
     */
    public static PolicySource fromGlobal(String path, String workspace, String globalYaml, Path jenkinsHome)
            throws ReleaseGuardException {
        if (globalYaml == null || globalYaml.isBlank()) {
            String where = workspace == null
                    ? "no workspace to read " + path + " from (run the step inside node { })"
                    : "no " + path + " in workspace " + workspace;
            throw invalid(where + " and no global release policy is configured (" + WHERE_GLOBAL + ")");
        }
        return new PolicySource(globalYaml, GLOBAL_SOURCE_NAME, jenkinsHome);
    }

    /**
     * Which workspace policy file a promotion step may read, or empty when it works under the global policy only.
     * Promotions deploy and decide whose approval counts, and a workspace file is in the hands of whoever can change
     * the branch; so it is read only where an administrator allowed it, and naming one where that is not allowed is
     * an error rather than silently ignored.
     */
    public static Optional<String> promotionWorkspacePath(String function, String configPath, boolean workspaceAllowed)
            throws ReleaseGuardException {
        if (workspaceAllowed) {
            return Optional.of(requireWorkspacePath(configPath));
        }
        if (configPath != null && !configPath.isBlank()) {
            throw invalid(function + ": config: '" + configPath.strip() + "' is not used: promotions on this"
                    + " controller run under the global release policy (an administrator can allow workspace policy"
                    + " files for promotions under Manage Jenkins > System > Release Guard)");
        }
        return Optional.empty();
    }

    /** The global policy of a promotion that does not read workspace files; fails when none is configured. */
    public static PolicySource globalForPromotion(String globalYaml, Path jenkinsHome) throws ReleaseGuardException {
        if (globalYaml == null || globalYaml.isBlank()) {
            throw invalid("no global release policy is configured (" + WHERE_GLOBAL + "); promotions run under it"
                    + " unless an administrator allows workspace policy files for promotions");
        }
        return new PolicySource(globalYaml, GLOBAL_SOURCE_NAME, jenkinsHome);
    }

    /**
     * Every problem in a global policy as {@code FILE:LINE:COL PATH: message} lines; none for a valid or empty one
     * (an empty global policy means "workspace files only").
     */
    public static List<String> globalProblems(String globalYaml, Path jenkinsHome) {
        if (globalYaml == null || globalYaml.isBlank()) {
            return List.of();
        }
        try {
            new PolicySource(globalYaml, GLOBAL_SOURCE_NAME, jenkinsHome).load();
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::format).toList();
        }
    }

    private static ReleaseGuardException invalid(String message) {
        return new ReleaseGuardException(ExitCode.INVALID, message);
    }
}
