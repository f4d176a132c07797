package io.releaseguard.jenkins.steps;

import hudson.model.Cause;
import hudson.model.Run;
import java.util.List;
import java.util.Optional;

/**
 * Who requests a promotion: the user who started the build, read from its causes and never from a step argument,
 * so a pipeline cannot name someone else and then approve its own promotion. A build started by an upstream build
 * is requested by whoever started that one; a build no user started (a timer, an SCM trigger) by {@link #NO_USER}.
 */
final class Requesters {
    /** The requester of builds no user started; Jenkins reserves the name for its own system identity. */
    static final String NO_USER = "SYSTEM";

    /** Upstream chains are followed this deep; Jenkins itself keeps no more than ten levels. */
    private static final int MAX_DEPTH = 10;

    private Requesters() {}

    static String of(Run<?, ?> run) {
        return userIn(run.getCauses(), 0).orElse(NO_USER);
    }

    private static Optional<String> userIn(List<Cause> causes, int depth) {
        for (Cause c : causes) {
            if (c instanceof Cause.UserIdCause u && u.getUserId() != null) {
                return Optional.of(u.getUserId());
            }
        }
        if (depth < MAX_DEPTH) {
            for (Cause c : causes) {
                if (c instanceof Cause.UpstreamCause up) {
                    Optional<String> user = userIn(up.getUpstreamCauses(), depth + 1);
                    if (user.isPresent()) {
                        return user;
                    }
                }
            }
        }
        return Optional.empty();
    }
}
