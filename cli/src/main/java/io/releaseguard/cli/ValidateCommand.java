package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code release-guard validate}: checks the policy file and reports every problem at once. */
@Command(name = "validate", description = "Check the policy file; print every problem with file:line:col (exit 3).")
final class ValidateCommand extends Subcommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        ReleaseGuardConfig c = root.loadConfig();
        var out = out();
        if (root.json()) {
            out.println(JsonReports.write(new Valid(
                    true,
                    c.source(),
                    c.environmentNames(),
                    c.services().stream().map(s -> s.name()).toList(),
                    c.freezes().stream().map(f -> f.name()).toList())));
        } else {
            out.println(c.source() + ": valid (schema version " + c.version() + ")");
            out.println("  path:     " + path(c.environments()));
            out.println(
                    "  services: " + c.services().stream().map(s -> s.name()).collect(Collectors.joining(" -> ")));
            out.println("  freezes:  "
                    + (c.freezes().isEmpty()
                            ? "none"
                            : c.freezes().stream().map(f -> f.name()).collect(Collectors.joining(", "))));
        }
        return 0;
    }

    /** The {@code validate --json} document; a record so that its keys come in this order on every run. */
    record Valid(boolean valid, String file, List<String> environments, List<String> services, List<String> freezes) {}

    static String path(List<EnvironmentSpec> envs) {
        return envs.stream()
                .map(e -> e.optional() ? "(" + e.name() + ")" : e.name())
                .collect(Collectors.joining(" -> "));
    }
}
