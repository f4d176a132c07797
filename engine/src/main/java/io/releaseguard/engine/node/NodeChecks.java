package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.killswitch.KillSwitchState;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.status.CommitStatus;
import io.releaseguard.engine.status.CommitStatuses;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The promotion's reads of outside state, made on the node: the kill switch (its file, URL or the step's
 * environment variable) and the forge's commit statuses. A kill switch the node cannot read is engaged, as every
 * unreadable kill switch is.
 */
public final class NodeChecks {
    private NodeChecks() {}

    /** The kill switch of {@code environment}, read on the node. */
    public static KillSwitchState killSwitch(NodeExecutor node, NodeSite site, String environment) {
        try {
            return node.call(new KillSwitchCall(site, environment)).state();
        } catch (ReleaseGuardException e) {
            return KillSwitchState.unreadable("the build's node", e.getMessage());
        }
    }

    /** The forge's commit statuses, asked from the node. */
    public static CommitStatuses commitStatuses(NodeExecutor node, NodeSite site) {
        return ref -> node.call(new StatusCall(site, ref)).statuses().stream()
                .map(s -> new CommitStatus(s[0], s[1]))
                .toList();
    }

    record KillSwitchCall(NodeSite site, String environment) implements NodeTask<KillSwitchAnswer> {
        private static final long serialVersionUID = 1L;

        @Override
        public KillSwitchAnswer run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = site.adapters()) {
                KillSwitchState k = adapters.killSwitch(environment);
                return new KillSwitchAnswer(k.engaged(), k.readable(), k.source(), k.reason());
            }
        }
    }

    record KillSwitchAnswer(boolean engaged, boolean readable, String source, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;

        KillSwitchState state() {
            return new KillSwitchState(engaged, readable, source, reason);
        }
    }

    record StatusCall(NodeSite site, String ref) implements NodeTask<StatusAnswer> {
        private static final long serialVersionUID = 1L;

        @Override
        public StatusAnswer run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = site.adapters()) {
                List<String[]> out = new ArrayList<>();
                CommitStatuses forge = adapters.commitStatuses()
                        .orElseThrow(() -> new ReleaseGuardException(
                                io.releaseguard.engine.ExitCode.INVALID,
                                "the policy on the node names no git.pullRequests forge"));
                for (CommitStatus s : forge.statuses(ref)) {
                    out.add(new String[] {s.context(), s.state()});
                }
                return new StatusAnswer(out);
            }
        }
    }

    /** Each status as {@code [context, state]}. */
    record StatusAnswer(List<String[]> statuses) implements Serializable {
        private static final long serialVersionUID = 1L;

        StatusAnswer {
            statuses = new ArrayList<>(statuses);
        }
    }
}
