package io.releaseguard.engine.config;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is invalid. Carries every problem found, never only the first, so a user fixes a file in one
 * round; the message lists them one per line, in file order.
 */
public class ConfigException extends ReleaseGuardException {
    private static final long serialVersionUID = 1L;

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ExitCode.INVALID, problems.stream().map(ConfigProblem::format).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
