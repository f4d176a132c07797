package io.releaseguard.engine.rollback;

import java.util.stream.Collectors;

/**
 * The title and Markdown body of a revert pull request: what failed, which promotion is undone, exactly which files
 * go back, that everything else of the promotion stays, and a warning block for irreversible paths (e.g. applied
 * database migrations), which a revert does not undo and a human must check.
 */
public final class RevertPullRequest {
    private RevertPullRequest() {}

    public static String title(RevertDecision d) {
        return "Rollback " + d.service().orElse("?") + " in " + d.environment() + ": revert promotion "
                + d.promotionCommit()
                        .substring(0, Math.min(12, d.promotionCommit().length()));
    }

    public static String body(RevertDecision d) {
        String service = d.service().orElse("?");
        StringBuilder b = new StringBuilder()
                .append("A guard check of **")
                .append(service)
                .append("** failed in **")
                .append(d.environment())
                .append("** after the promotion `")
                .append(d.promotionCommit())
                .append("` (")
                .append(d.promotionSubject())
                .append(") into `")
                .append(d.productionBranch())
                .append("`.\n\nThis reverts only ")
                .append(service)
                .append("'s changes from that promotion:\n\n")
                .append(d.files().stream().map(f -> "- `" + f + "`").collect(Collectors.joining("\n")))
                .append("\n\nEvery other change of the promotion is kept.\n");
        if (!d.irreversible().isEmpty()) {
            b.append("\n### :warning: Irreversible changes\n\nThese paths match `git.irreversible`; reverting the"
                            + " files does not undo what they already did (e.g. an applied migration). Check them"
                            + " by hand before merging:\n\n")
                    .append(d.irreversible().stream().map(f -> "- `" + f + "`").collect(Collectors.joining("\n")))
                    .append('\n');
        }
        b.append("\n<details><summary>Evidence</summary>\n\n")
                .append(d.evidence().stream().map(e -> "- " + e).collect(Collectors.joining("\n")))
                .append("\n\n</details>\n\n_Opened by release-guard._\n");
        return b.toString();
    }
}
