package io.releaseguard.engine.regression;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.RegressionSpec;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.secret.SecretRefs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real providers over HTTP: {@link PrometheusProvider} and {@link SentryProvider}, sharing one {@link HealthProbe}
 * (and so its connection pool, deadlines and capped reads). {@code ${env:NAME}} references in headers and tokens are
 * resolved from the injected environment and masked in every message.
 */
public final class HttpProviders implements ProviderFactory {
    private final HealthProbe probe;
    private final SecretRefs secrets;

    public HttpProviders(HealthProbe probe, Map<String, String> environment) {
        this.probe = probe;
        this.secrets = new SecretRefs(environment);
    }

    @Override
    public List<ErrorSignalProvider> create(String environment, RegressionSpec spec) throws ReleaseGuardException {
        List<ErrorSignalProvider> providers = new ArrayList<>();
        String where = "environments." + environment + ".regression";
        if (spec.prometheus().isPresent()) {
            RegressionSpec.Prometheus p = spec.prometheus().get();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, String> h : p.headers().entrySet()) {
                headers.put(h.getKey(), secrets.resolve(h.getValue(), where + ".prometheus.headers." + h.getKey()));
            }
            String url = secrets.resolve(p.url(), where + ".prometheus.url");
            providers.add(new PrometheusProvider(probe, url, p.errors(), p.total(), headers, secrets));
        }
        if (spec.sentry().isPresent()) {
            RegressionSpec.Sentry s = spec.sentry().get();
            String token = secrets.resolve(s.token(), where + ".sentry.token");
            String url = secrets.resolve(s.url(), where + ".sentry.url");
            providers.add(new SentryProvider(probe, url, s, token, secrets));
        }
        return providers;
    }
}
