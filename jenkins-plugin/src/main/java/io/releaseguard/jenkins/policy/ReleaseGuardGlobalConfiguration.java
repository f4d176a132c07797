package io.releaseguard.jenkins.policy;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.releaseguard.engine.ReleaseGuardException;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * The controller-wide release policy (the same YAML model as {@code release-guard.yaml}) and where promotion state
 * is kept. JCasC: {@code unclassified: releaseGuard: policyYaml: |}, {@code stateDir} and {@code allowWorkspacePolicy}.
 * Validate and plan fall back to this policy when the workspace has no policy file; promotions use only this policy
 * unless {@code allowWorkspacePolicy} is set.
 */
@Extension
@Symbol("releaseGuard")
public final class ReleaseGuardGlobalConfiguration extends GlobalConfiguration {
    static final String DEFAULT_STATE_DIR = "release-guard/state";

    private String policyYaml;
    private String stateDir;
    private boolean allowWorkspacePolicy;

    public ReleaseGuardGlobalConfiguration() {
        load();
    }

    public static ReleaseGuardGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(ReleaseGuardGlobalConfiguration.class);
    }

    public String getPolicyYaml() {
        return policyYaml;
    }

    /**
     * Stored with LF line ends, whichever browser or file it came from, so the saved text stays stable. An invalid
     * policy is refused before anything is stored, so JCasC fails with every problem instead of saving it.
     */
    @DataBoundSetter
    public void setPolicyYaml(String policyYaml) {
        String normalized = blankToNull(policyYaml == null ? null : policyYaml.replace("\r\n", "\n"));
        if (normalized != null) {
            List<String> problems = PolicySource.globalProblems(normalized, jenkinsHome());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("The release policy is invalid:\n" + String.join("\n", problems));
            }
        }
        this.policyYaml = normalized;
        save();
    }

    public String getStateDir() {
        return stateDir;
    }

    @DataBoundSetter
    public void setStateDir(String stateDir) {
        this.stateDir = blankToNull(stateDir);
        save();
    }

    /**
     * Whether promotion steps may read a policy file from the workspace. Off by default: a workspace file is in the
     * hands of whoever can push to the branch, and a promotion's policy decides what runs on this controller and
     * whose approval counts.
     */
    public boolean isAllowWorkspacePolicy() {
        return allowWorkspacePolicy;
    }

    @DataBoundSetter
    public void setAllowWorkspacePolicy(boolean allowWorkspacePolicy) {
        this.allowWorkspacePolicy = allowWorkspacePolicy;
        save();
    }

    /** The global policy, as a promotion reads it each time; fails when none is configured. */
    public PolicySource promotionPolicy() throws ReleaseGuardException {
        return PolicySource.globalForPromotion(policyYaml, jenkinsHome());
    }

    /**
     * The policy {@code ref} names, as it reads now: the global policy afresh (an administrator's edits apply to
     * promotions already waiting), a workspace policy as the step read it.
     */
    public PolicySource policy(PolicyRef ref) throws ReleaseGuardException {
        return ref.resolve(this::promotionPolicy);
    }

    /** The state folder: {@code stateDir}, relative paths resolved against JENKINS_HOME. */
    public Path stateDirectory() {
        return jenkinsHome().resolve(stateDir == null ? DEFAULT_STATE_DIR : stateDir);
    }

    /**
     * The global policy for a step whose workspace has no policy file at {@code path}; {@code workspace} is null
     * outside {@code node}. Fails, naming both places, when no global policy is configured either.
     */
    public PolicySource fallbackFor(String path, String workspace) throws ReleaseGuardException {
        return PolicySource.fromGlobal(path, workspace, policyYaml, jenkinsHome());
    }

    /** JENKINS_HOME, against which the global policy's relative references and the state folder resolve. */
    private static Path jenkinsHome() {
        return Jenkins.get().getRootDir().toPath();
    }

    /** Refuses the whole form when the policy has problems, before any setter saves. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<String> problems = PolicySource.globalProblems(json.optString("policyYaml", ""), jenkinsHome());
        if (!problems.isEmpty()) {
            throw new FormException("The release policy is invalid:\n" + String.join("\n", problems), "policyYaml");
        }
        req.bindJSON(this, json);
        return true;
    }

    /** Validates the policy as it is typed; POST only and for administrators only, as it parses user input. */
    @POST
    public FormValidation doCheckPolicyYaml(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        List<String> problems = PolicySource.globalProblems(value, jenkinsHome());
        // FormValidation.error escapes its text: the policy's own keys and values are echoed back.
        return problems.isEmpty() ? FormValidation.ok() : FormValidation.error(String.join("\n", problems));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
