package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.approval.Approvals;
import io.releaseguard.engine.identity.SshSignatures;
import io.releaseguard.engine.state.Decision;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-guard approve|reject}: one reviewer's decision on a pending promotion. */
final class DecisionCommands {
    private DecisionCommands() {}

    /** Shared options and behaviour of both decisions. */
    abstract static class DecisionCommand extends Subcommand implements Callable<Integer> {
        @Option(names = "--promotion", required = true, paramLabel = "ID", description = "the pending promotion")
        String promotion;

        @Option(names = "--as", required = true, paramLabel = "USER", description = "the deciding user's id")
        String user;

        @Option(names = "--comment", paramLabel = "TEXT", description = "why (required to reject)")
        String comment;

        @Option(
                names = "--sign-with",
                paramLabel = "KEY",
                description = "sign the decision with this OpenSSH private key (ssh-keygen -Y sign, namespace"
                        + " release-guard); verified against the policy's approvals.allowedSigners")
        Path signWith;

        abstract Decision decision();

        @Override
        public Integer call() throws Exception {
            ApprovalStatus status = new Approvals(root.loadConfig(), root.state(), root.clock())
                    .decide(
                            promotion,
                            user,
                            decision(),
                            comment,
                            Optional.ofNullable(signWith).map(SshSignatures::signer));
            out().println(root.json() ? JsonReports.write(status) : status.message());
            return 0;
        }
    }

    @Command(
            name = "approve",
            description =
                    "Approve a pending promotion. Refused (exit 2) for non-reviewers, the requester and the release's"
                            + " authors.")
    static final class Approve extends DecisionCommand {
        @Override
        Decision decision() {
            return Decision.APPROVE;
        }
    }

    @Command(name = "reject", description = "Reject a pending promotion; a comment is required.")
    static final class Reject extends DecisionCommand {
        @Override
        Decision decision() {
            return Decision.REJECT;
        }
    }
}
