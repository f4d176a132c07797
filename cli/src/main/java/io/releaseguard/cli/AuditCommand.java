package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.audit.AuditVerification;
import io.releaseguard.engine.audit.AuditVerifier;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard audit verify}: checks the audit log's hash chain, manifest anchors and signatures. */
@Command(
        name = "audit",
        description = "Audit log commands.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand {
    @ParentCommand
    ReleaseGuardCommand root;

    /** Verifies every hash and link; exit 4 when the chain is broken (a failed check), 0 otherwise. */
    @Command(
            name = "verify",
            description = "Verify the audit log's hash chain, every release manifest's anchor into it and, with the"
                    + " policy, every signed decision. Exit 0 when intact (a torn last line from a crash is a"
                    + " warning), 4 when a record was altered, removed or reordered or the log was truncated.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private AuditCommand audit;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ReleaseGuardCommand root = audit.root;
            Optional<ReleaseGuardConfig> policy =
                    Files.exists(root.configPath()) ? Optional.of(root.loadConfig()) : Optional.empty();
            AuditVerification v = AuditVerifier.verify(root.state().audit(), root.stateDir(), policy);
            var out = spec.commandLine().getOut();
            if (root.json()) {
                out.println(JsonReports.write(v));
            } else {
                v.warnings().forEach(w -> out.println("warning: " + w));
                if (v.ok()) {
                    out.println("audit log intact: " + v.records() + " records, hash chain verified, " + v.anchors()
                            + " manifest anchors checked, " + v.signatures() + " signatures verified");
                } else {
                    out.println("audit log BROKEN: " + v.error().orElse(""));
                }
            }
            return v.ok() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
        }
    }
}
