package io.releaseguard.engine.regression;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegressionSpec;
import java.util.List;

/**
 * Builds the providers an environment's regression watch configures. Secret references are resolved here, so a
 * missing variable is an invalid configuration before any request is made.
 */
@FunctionalInterface
public interface ProviderFactory {
    /** The providers for {@code spec}, Prometheus first. */
    List<ErrorSignalProvider> create(String environment, RegressionSpec spec) throws ReleaseGuardException;
}
