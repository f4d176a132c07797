package io.releaseguard.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What runs where in the demo world, and the control plane's memory. The rule for idempotency: a deploy carrying a
 * key that was already applied is acknowledged but changes nothing; a refused request (bad body, unknown tenant)
 * does not use its key up, so a corrected retry is applied. Counters count applied deploys, never duplicates.
 */
final class Deployments {
    /** One running copy: a plain service ({@code tenant} empty) or one tenant of a fleet. */
    record Instance(String environment, String service, String tenant) {}

    /** The release running now and the one before it (for {@link Breakage#STALE_BUILDINFO}). */
    record Running(String release, String previous) {}

    private record Applied(Instance instance, String release) {}

    private record Broken(String service, String release) {}

    private final Map<Instance, Running> running = new ConcurrentHashMap<>();
    private final Map<Applied, Integer> applied = new ConcurrentHashMap<>();
    private final Map<String, Integer> keysSeen = new ConcurrentHashMap<>();
    private final Set<String> keysApplied = ConcurrentHashMap.newKeySet();
    private final Map<Broken, Breakage> broken = new ConcurrentHashMap<>();

    /** Puts {@code release} in place without counting it as a deploy (the world's starting state). */
    void place(Instance instance, String release) {
        running.put(instance, new Running(release, release));
    }

    Running running(Instance instance) {
        Running r = running.get(instance);
        if (r == null) {
            throw new IllegalArgumentException("nothing runs as " + instance);
        }
        return r;
    }

    boolean exists(Instance instance) {
        return running.containsKey(instance);
    }

    /** Notes a request carrying {@code key}, applied or not. */
    void seen(Optional<String> key) {
        key.ifPresent(k -> keysSeen.merge(k, 1, Integer::sum));
    }

    /**
     * Deploys {@code release} to every instance unless {@code key} was applied before; true when it was applied. The
     * key is claimed atomically, so two concurrent requests with one key apply once.
     */
    boolean apply(Optional<String> key, List<Instance> instances, String release) {
        if (key.isPresent() && !keysApplied.add(key.get())) {
            return false;
        }
        for (Instance i : instances) {
            running.compute(i, (k, before) -> new Running(release, before == null ? release : before.release()));
            applied.merge(new Applied(i, release), 1, Integer::sum);
        }
        return true;
    }

    int deployCount(Instance instance, String release) {
        return applied.getOrDefault(new Applied(instance, release), 0);
    }

    int requestsSeen(String key) {
        return keysSeen.getOrDefault(key, 0);
    }

    void breakRelease(String service, String release, Breakage breakage) {
        broken.put(new Broken(service, release), breakage);
    }

    Optional<Breakage> breakage(String service, String release) {
        return Optional.ofNullable(broken.get(new Broken(service, release)));
    }
}
