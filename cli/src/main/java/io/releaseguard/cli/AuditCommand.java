package io.releaseguard.cli;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.audit.AuditVerification;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code release-guard audit verify}: checks the audit log's hash chain. */
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
            description = "Verify the audit log's hash chain. Exit 0 when intact (a torn last line from a crash is a"
                    + " warning), 4 when a record was altered, removed or reordered.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private AuditCommand audit;

        @Spec
        private picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            ReleaseGuardCommand root = audit.root;
            AuditVerification v = root.state().audit().verify();
            var out = spec.commandLine().getOut();
            if (root.json()) {
                out.println(JsonReports.write(v));
            } else {
                v.warnings().forEach(w -> out.println("warning: " + w));
                if (v.ok()) {
                    out.println("audit log intact: " + v.records() + " records, hash chain verified");
                } else {
                    out.println("audit log BROKEN: " + v.error().orElse(""));
                }
            }
            return v.ok() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
        }
    }
}
