package io.releaseguard.engine.config;

import java.util.Map;
import java.util.Optional;

/** How a service is deployed. Release and service names are passed as data, never spliced into a shell line. */
public sealed interface DeploySpec {
    /** A command run on the service's target; {@code {release}} and {@code {service}} are substituted safely. */
    record Command(String command) implements DeploySpec {}

    /** An HTTP call to a control plane, e.g. {@code POST /cp/admin/tenants/redeploy-fleet} with a body template. */
    record Http(String url, String method, Map<String, String> headers, Optional<String> body) implements DeploySpec {
        public Http {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Start the new version beside the old, health-check it at its {@code preview} URL (environment to URL template:
     * {@code {release}}, {@code {service}}, {@code {environment}}, {@code {tenant}}), switch traffic, keep the old one
     * for rollback. {@code retire} is never run by a promotion.
     */
    record BlueGreen(String start, String switchTraffic, Optional<String> retire, Map<String, String> preview)
            implements DeploySpec {
        public BlueGreen {
            preview = Map.copyOf(preview);
        }
    }
}
