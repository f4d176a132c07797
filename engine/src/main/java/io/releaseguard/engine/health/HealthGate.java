package io.releaseguard.engine.health;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.BuildInfoSpec;
import io.releaseguard.engine.config.HealthCheckSpec;
import io.releaseguard.engine.config.HealthCheckSpec.JsonAssertion;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.config.Severity;
import io.releaseguard.engine.health.HealthTargets.Target;
import io.releaseguard.engine.secret.SecretRefs;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The health gate: runs every configured check against every service (and every tenant of a fleet) in an environment,
 * with at most {@code concurrency} requests in flight, and folds the results worst-wins into a {@link HealthReport}.
 * When a service has {@code buildinfo}, each tenant must report the release's SHA (fleet convergence). Failed
 * attempts are retried only when {@link HealthAssessment#retryable} says another attempt could help, with exponential
 * backoff from {@code retryDelay}.
 */
public final class HealthGate {
    /** How many checks run at once when nobody says otherwise. */
    public static final int DEFAULT_CONCURRENCY = 64;

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final HealthProbe probe;
    private final SecretRefs secrets;
    private final int concurrency;
    private final Duration retryDelay;

    /**
     * A gate probing through {@code probe}; {@code environment} resolves {@code ${env:NAME}} references (pass the
     * process environment at the edge, a map in tests).
     */
    public HealthGate(HealthProbe probe, Map<String, String> environment, int concurrency, Duration retryDelay) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.probe = probe;
        this.secrets = new SecretRefs(environment);
        this.concurrency = concurrency;
        this.retryDelay = retryDelay;
    }

    /**
     * The tenants of a fleet in {@code environment}, from the policy's list and/or its tenants URL, in that order;
     * an unreadable tenants URL is an error (a rollout never guesses its fleet).
     */
    public List<String> tenants(ServiceSpec service, String environment) throws ReleaseGuardException {
        HealthTargets.Resolved resolved = HealthTargets.resolve(service, environment, Optional.empty(), probe, secrets);
        if (!resolved.failures().isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    "cannot list the tenants of " + service.name() + " in " + environment + ": "
                            + resolved.failures().get(0).message());
        }
        return resolved.targets().stream()
                .map(t -> t.tenant().orElse(t.service()))
                .toList();
    }

    /**
     * Checks {@code environment}: all services or one, every tenant or the {@code tenants} subset (a fleet batch).
     * {@code release} is substituted for {@code ${release}} and is the SHA tenants must report.
     */
    public HealthReport check(
            ReleaseGuardConfig config,
            String environment,
            Optional<String> service,
            Optional<String> release,
            Optional<List<String>> tenants)
            throws ReleaseGuardException {
        if (config.environment(environment).isEmpty()) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID,
                    "unknown environment '" + environment + "'; known: "
                            + String.join(", ", config.environmentNames()));
        }
        return run(services(config, environment, service), environment, release, tenants);
    }

    /**
     * Checks {@code service} as given rather than as the policy names it: a blue/green deploy runs the service's
     * checks against the started version's preview URL this way, before any traffic is switched to it.
     */
    public HealthReport check(
            ServiceSpec service, String environment, Optional<String> release, Optional<List<String>> tenants)
            throws ReleaseGuardException {
        return run(List.of(service), environment, release, tenants);
    }

    private HealthReport run(
            List<ServiceSpec> services, String environment, Optional<String> release, Optional<List<String>> tenants)
            throws ReleaseGuardException {
        List<Callable<CheckResult>> tasks = new ArrayList<>();
        List<CheckResult> failures = new ArrayList<>();
        List<Target> buildinfoTargets = new ArrayList<>();
        Map<Target, Optional<String>> reported = new ConcurrentHashMap<>();
        for (ServiceSpec s : services) {
            requireRelease(s, release);
            HealthTargets.Resolved resolved = HealthTargets.resolve(s, environment, tenants, probe, secrets);
            failures.addAll(resolved.failures());
            for (Target t : resolved.targets()) {
                for (HealthCheckSpec c : s.health()) {
                    tasks.add(task(t, c, release));
                }
                if (s.buildinfo().isPresent()) {
                    tasks.add(buildinfoTask(t, s.buildinfo().get(), release, reported));
                    buildinfoTargets.add(t);
                }
            }
        }
        List<CheckResult> checks = new ArrayList<>(failures);
        checks.addAll(runAll(tasks));
        Optional<BuildInfoReport> buildinfo = buildinfoTargets.isEmpty()
                ? Optional.empty()
                : Optional.of(buildinfo(checks, reported, buildinfoTargets, release));
        Verdict verdict = checks.stream().map(CheckResult::verdict).reduce(Verdict.PASS, Verdict::worst);
        return new HealthReport(environment, verdict, checks, buildinfo);
    }

    private static List<ServiceSpec> services(ReleaseGuardConfig config, String environment, Optional<String> name)
            throws ReleaseGuardException {
        if (name.isEmpty()) {
            return config.services();
        }
        ServiceSpec s = config.service(name.get())
                .orElseThrow(() -> new ReleaseGuardException(
                        ExitCode.INVALID,
                        "unknown service '" + name.get() + "'; known: "
                                + String.join(
                                        ", ",
                                        config.services().stream()
                                                .map(ServiceSpec::name)
                                                .toList())));
        if (!s.isFleet() && !s.endpoints().containsKey(environment)) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "service " + s.name() + " has no endpoint for environment " + environment);
        }
        return List.of(s);
    }

    private static void requireRelease(ServiceSpec s, Optional<String> release) throws ReleaseGuardException {
        if (release.isPresent()) {
            return;
        }
        for (HealthCheckSpec c : s.health()) {
            for (JsonAssertion a : c.json()) {
                if (a.equals().filter(e -> e.contains(JsonAssertions.RELEASE)).isPresent()) {
                    throw new ReleaseGuardException(
                            ExitCode.INVALID,
                            "health check " + s.name() + "/" + c.name() + " expects ${release} at " + a.pointer()
                                    + "; pass the release being promoted (--release)");
                }
            }
        }
    }

    private Callable<CheckResult> task(Target t, HealthCheckSpec c, Optional<String> release)
            throws ReleaseGuardException {
        String where = "services." + t.service() + ".health." + c.name();
        String url = secrets.resolve(join(t.baseUrl(), c.path()), where);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            headers.put(h.getKey(), secrets.resolve(h.getValue(), where + ".headers." + h.getKey()));
        }
        ProbeRequest request = new ProbeRequest(
                URI.create(url),
                c.method(),
                headers,
                c.body().map(b -> b.getBytes(StandardCharsets.UTF_8)),
                c.timeout(),
                c.maxBodyBytes());
        return () -> {
            ProbeResult r = withRetries(request, c.retries());
            Assessment a = HealthAssessment.assess(c, r, release, secrets.resolved());
            return result(t, c.name(), url, a, c.severity(), r);
        };
    }

    private Callable<CheckResult> buildinfoTask(
            Target t, BuildInfoSpec spec, Optional<String> release, Map<Target, Optional<String>> reported)
            throws ReleaseGuardException {
        String url = secrets.resolve(join(t.baseUrl(), spec.path()), "services." + t.service() + ".buildinfo");
        ProbeRequest request = ProbeRequest.get(
                URI.create(url),
                Map.of("Accept", "application/json"),
                HealthCheckSpec.DEFAULT_TIMEOUT,
                HealthCheckSpec.DEFAULT_MAX_BODY_BYTES);
        return () -> {
            ProbeResult r = withRetries(request, 0);
            Assessment a;
            if (r instanceof ProbeResult.Response resp && resp.status() == 200) {
                Optional<String> sha = BuildInfo.read(resp.body(), spec.pointer());
                sha.ifPresent(v -> reported.put(t, Optional.of(v)));
                if (sha.isEmpty()) {
                    a = new Assessment(
                            Verdict.FAIL, "no SHA at " + spec.pointer() + " (" + resp.body().length + " bytes" + ")");
                } else if (release.isPresent() && !BuildInfo.agrees(BuildInfo.expectedSha(release.get()), sha.get())) {
                    a = new Assessment(
                            Verdict.FAIL,
                            "reports " + sha.get() + ", expected " + BuildInfo.expectedSha(release.get()));
                } else {
                    a = new Assessment(Verdict.PASS, "reports " + sha.get());
                }
            } else if (r instanceof ProbeResult.Response resp) {
                a = new Assessment(Verdict.FAIL, "status " + resp.status() + ", expected 200");
            } else {
                a = new Assessment(Verdict.FAIL, ((ProbeResult.Failure) r).detail());
            }
            return result(t, BUILDINFO, url, a, Severity.FATAL, r);
        };
    }

    static final String BUILDINFO = "buildinfo";

    /**
     * Compares what the tenants reported; without a release the majority SHA is expected, so the tenants that differ
     * from it are turned into failures here (with a release, their checks failed already).
     */
    private static BuildInfoReport buildinfo(
            List<CheckResult> checks,
            Map<Target, Optional<String>> reported,
            List<Target> order,
            Optional<String> release) {
        List<BuildInfo.Reported> answers = order.stream()
                .map(t -> new BuildInfo.Reported(t.name(), reported.getOrDefault(t, Optional.empty())))
                .toList();
        BuildInfoReport report = BuildInfo.compare(release, answers);
        if (release.isEmpty()) {
            for (int i = 0; i < checks.size(); i++) {
                CheckResult c = checks.get(i);
                String name = c.tenant().orElse(c.service());
                boolean differs =
                        report.mismatches().stream().anyMatch(m -> m.tenant().equals(name));
                if (c.check().equals(BUILDINFO) && c.verdict() == Verdict.PASS && differs) {
                    checks.set(
                            i,
                            new CheckResult(
                                    c.service(),
                                    c.tenant(),
                                    c.check(),
                                    c.url(),
                                    Verdict.FAIL,
                                    c.severity(),
                                    c.status(),
                                    c.latencyMs(),
                                    c.message() + ", while most tenants report " + report.expected()));
                }
            }
        }
        return report;
    }

    private ProbeResult withRetries(ProbeRequest request, int retries) throws InterruptedException {
        ProbeResult r = probe.probe(request);
        for (int attempt = 1; attempt <= retries && HealthAssessment.retryable(r); attempt++) {
            long delay = retryDelay.toMillis() << Math.min(attempt - 1, 5);
            if (delay > 0) {
                TimeUnit.MILLISECONDS.sleep(delay);
            }
            r = probe.probe(request);
        }
        return r;
    }

    private CheckResult result(Target t, String check, String url, Assessment a, Severity severity, ProbeResult r) {
        OptionalInt status = r instanceof ProbeResult.Response resp
                ? OptionalInt.of(resp.status())
                : ((ProbeResult.Failure) r).status();
        return new CheckResult(
                t.service(),
                t.tenant(),
                check,
                secrets.maskUrl(url),
                a.verdict(),
                severity,
                status,
                r.latency().toMillis(),
                secrets.mask(a.message()));
    }

    private List<CheckResult> runAll(List<Callable<CheckResult>> tasks) throws ReleaseGuardException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        int run = RUNS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, tasks.size()), r -> {
            Thread th = new Thread(r, "release-guard-health-" + run + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>(tasks.size());
            for (Callable<CheckResult> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<CheckResult> results = new ArrayList<>(tasks.size());
            for (Future<CheckResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "health check interrupted", e);
        } catch (ExecutionException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "health check failed: " + secrets.mask(String.valueOf(e.getCause())), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The check's path joined to the endpoint's path; an endpoint's query string (say, a token) stays at the end. */
    static String join(String base, String path) {
        int q = base.indexOf('?');
        String head = q < 0 ? base : base.substring(0, q);
        String query = q < 0 ? "" : base.substring(q);
        String b = head.endsWith("/") ? head.substring(0, head.length() - 1) : head;
        return b + path + query;
    }
}
