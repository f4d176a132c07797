package io.releaseguard.cli;

import io.releaseguard.engine.JsonReports;
import io.releaseguard.engine.config.EnvironmentSpec;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.util.List;
import java.util.Map;
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
            out.println(JsonReports.write(Map.of(
                    "valid", true,
                    "file", c.source(),
                    "environments", c.environmentNames(),
                    "services", c.services().stream().map(s -> s.name()).toList(),
                    "freezes", c.freezes().stream().map(f -> f.name()).toList())));
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

    static String path(List<EnvironmentSpec> envs) {
        return envs.stream()
                .map(e -> e.optional() ? "(" + e.name() + ")" : e.name())
                .collect(Collectors.joining(" -> "));
    }
}
