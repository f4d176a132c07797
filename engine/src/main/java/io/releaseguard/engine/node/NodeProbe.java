package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.health.HealthProbe;
import io.releaseguard.engine.health.HttpHealthProbe;
import io.releaseguard.engine.health.ProbeRequest;
import io.releaseguard.engine.health.ProbeResult;
import io.releaseguard.engine.health.ProbeResult.FailureKind;
import java.io.Serializable;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A {@link HealthProbe} whose every HTTP exchange happens on the node: health checks, build info, tenant lists,
 * regression providers and the registry all talk to the network through it, so none of them reaches the network
 * from the controller. Secrets are already resolved into the request (the controller holds the step's environment);
 * the node only sends it. A node that cannot be reached is an {@code IO} failure, as the port requires.
 */
public final class NodeProbe implements HealthProbe {
    private final NodeExecutor node;

    public NodeProbe(NodeExecutor node) {
        this.node = node;
    }

    @Override
    public ProbeResult probe(ProbeRequest request) {
        long start = System.nanoTime();
        try {
            return node.call(new Call(
                            request.url(),
                            request.method(),
                            new TreeMap<>(request.headers()),
                            request.body().orElse(null),
                            request.timeout(),
                            request.maxBodyBytes()))
                    .result();
        } catch (ReleaseGuardException e) {
            return ProbeResult.Failure.beforeResponse(
                    FailureKind.IO, "the build's node did not answer: " + e.getMessage(), since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** One exchange, sent to the node. */
    record Call(URI url, String method, Map<String, String> headers, byte[] body, Duration timeout, long maxBodyBytes)
            implements NodeTask<Answer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Answer run() {
            ProbeRequest r = new ProbeRequest(url, method, headers, Optional.ofNullable(body), timeout, maxBodyBytes);
            return Answer.of(Shared.PROBE.probe(r));
        }
    }

    /**
     * What the node observed, as plain values: only types a Jenkins controller accepts from an agent (its JEP-200
     * class filter), so the latency travels as nanoseconds.
     */
    record Answer(
            boolean response,
            int status,
            Map<String, List<String>> headers,
            byte[] body,
            FailureKind kind,
            String detail,
            long latencyNanos)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        static Answer of(ProbeResult r) {
            if (r instanceof ProbeResult.Response ok) {
                Map<String, List<String>> headers = new TreeMap<>();
                ok.headers().map().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
                return new Answer(
                        true,
                        ok.status(),
                        headers,
                        ok.body(),
                        null,
                        null,
                        ok.latency().toNanos());
            }
            ProbeResult.Failure f = (ProbeResult.Failure) r;
            return new Answer(
                    false,
                    f.status().orElse(-1),
                    new TreeMap<>(),
                    null,
                    f.kind(),
                    f.detail(),
                    f.latency().toNanos());
        }

        ProbeResult result() {
            if (response) {
                return new ProbeResult.Response(
                        status, HttpHeaders.of(headers, (k, v) -> true), body, Duration.ofNanos(latencyNanos));
            }
            return new ProbeResult.Failure(
                    kind,
                    detail,
                    status < 0 ? OptionalInt.empty() : OptionalInt.of(status),
                    Duration.ofNanos(latencyNanos));
        }
    }

    /**
     * One probe per JVM on the node, reused by every call so connections are pooled across a fleet's checks; its
     * threads are daemons.
     */
    private static final class Shared {
        static final HttpHealthProbe PROBE = new HttpHealthProbe();
    }
}
