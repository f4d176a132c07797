package io.releaseguard.engine.promotion;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.DeploySpec;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.GitSpec;
import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.health.ProbeRequest;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks, before a promotion changes anything, that every HTTP header the policy builds from {@code ${env:NAME}}
 * references can be sent: HTTP deploys, health checks, regression providers and the forge token. A value with a line
 * break or NUL would let the rest of it forge headers of its own, so the client refuses it; found here, it blocks the
 * promotion as invalid configuration (exit 3) with nothing deployed. The error names the setting, the variable and
 * the position, never the value. A variable that is not set is left to the step that needs it, which says so.
 */
public final class OutboundHeaders {
    private static final Pattern REF = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private OutboundHeaders() {}

    /** Refuses the first resolved header value that could not be sent (exit 3), naming where it comes from. */
    public static void check(ReleaseGuardConfig config, Map<String, String> env) throws ReleaseGuardException {
        for (ServiceSpec s : config.services()) {
            if (s.deploy().orElse(null) instanceof DeploySpec.Http h) {
                headers(h.headers(), "services." + s.name() + ".deploy.http.headers", env);
            }
            for (HealthCheckSpec c : s.health()) {
                headers(c.headers(), "services." + s.name() + ".health." + c.name() + ".headers", env);
            }
        }
        for (EnvironmentSpec e : config.environments()) {
            if (e.regression().isEmpty()) {
                continue;
            }
            RegressionSpec r = e.regression().get();
            String where = "environments." + e.name() + ".regression";
            if (r.prometheus().isPresent()) {
                headers(r.prometheus().get().headers(), where + ".prometheus.headers", env);
            }
            if (r.sentry().isPresent()) {
                value(where + ".sentry.token", r.sentry().get().token(), env);
            }
        }
        GitSpec.PullRequests forge = config.git().flatMap(GitSpec::pullRequests).orElse(null);
        if (forge != null && env.get(forge.tokenEnv()) != null) {
            refuse("git.pullRequests.tokenEnv", forge.tokenEnv(), env.get(forge.tokenEnv()));
        }
    }

    private static void headers(Map<String, String> headers, String where, Map<String, String> env)
            throws ReleaseGuardException {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            value(where + "." + h.getKey(), h.getValue(), env);
        }
    }

    /** Each variable {@code text} references, checked on its own so the error can name the one at fault. */
    private static void value(String where, String text, Map<String, String> env) throws ReleaseGuardException {
        Matcher m = REF.matcher(text);
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value != null) {
                refuse(where, m.group(1), value);
            }
        }
    }

    private static void refuse(String where, String variable, String value) throws ReleaseGuardException {
        OptionalInt bad = ProbeRequest.invalidHeaderCharacter(value);
        if (bad.isPresent()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    where + ": the value of " + variable + " has a character a header cannot carry (CR, LF, NUL or"
                            + " beyond Latin-1) at position " + bad.getAsInt() + "; nothing was deployed");
        }
    }
}
