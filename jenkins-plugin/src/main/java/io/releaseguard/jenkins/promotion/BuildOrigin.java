package io.releaseguard.jenkins.promotion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who requested a build and who wrote what it builds, from what Jenkins knows of it and never from a step argument,
 * so a pipeline cannot name someone else and then approve its own promotion. The requester is the user who started
 * the build (for a build started by another build, whoever started that one); for a build started by an SCM change
 * (polling, a push hook, branch indexing or a branch event) the author of its newest change, as the nearest thing
 * Jenkins knows to the push's author; otherwise {@link #NO_USER}. The authors are the distinct authors of the
 * build's change sets, whatever started it. Both are handed to the engine as the realm's keys ({@link UserIds}).
 */
public final class BuildOrigin {
    /** The requester of builds no person started; Jenkins reserves the name for its own system identity. */
    public static final String NO_USER = "SYSTEM";

    /** Upstream chains are followed this deep; Jenkins itself keeps no more than ten levels. */
    private static final int MAX_DEPTH = 10;

    /**
     * Causes that mean "an SCM change started this build", by class name so the plugin needs neither branch-api nor
     * a copy of SCMTrigger: core's SCM polling cause (which push-hook causes such as GitHub's extend), and branch-api's
     * indexing and event causes, which multibranch projects use. A cause matches when its class or a superclass has
     * one of these names.
     */
    private static final Set<String> SCM_CAUSES = Set.of(
            "hudson.triggers.SCMTrigger$SCMTriggerCause",
            "jenkins.branch.BranchIndexingCause",
            "jenkins.branch.BranchEventCause");

    private BuildOrigin() {}

    /** What one of a build's causes says about who asked for it. */
    public sealed interface Trigger permits ByUser, Upstream, ScmChange, Other {}

    /** {@code Cause.UserIdCause}: a user started the build. */
    public record ByUser(String userId) implements Trigger {}

    /** {@code Cause.UpstreamCause}: another build started it, for the causes of that one. */
    public record Upstream(List<Trigger> causes) implements Trigger {
        public Upstream {
            causes = List.copyOf(causes);
        }
    }

    /** An SCM change started the build ({@link #isScmChange}). */
    public record ScmChange() implements Trigger {}

    /** Anything else: a timer, the CLI, a script. */
    public record Other() implements Trigger {}

    /** One change in the build's change sets: its author's user id and its time ({@code -1} when unknown). */
    public record Change(String authorId, long timestamp) {}

    /** The requester and the authors, as the realm's keys. */
    public record People(String requester, List<String> authors) {
        public People {
            authors = List.copyOf(authors);
        }
    }

    /** Whether a cause whose class and superclasses have {@code classNames} means an SCM change started the build. */
    public static boolean isScmChange(List<String> classNames) {
        return classNames.stream().anyMatch(SCM_CAUSES::contains);
    }

    public static People people(List<Trigger> causes, List<Change> changes, UserIds ids) {
        List<Change> known = changes.stream()
                .filter(c -> c.authorId() != null && !c.authorId().isBlank() && !UserIds.isReserved(c.authorId()))
                .toList();
        Optional<String> requester = userIn(causes, 0);
        if (requester.isEmpty() && startedByScm(causes, 0)) {
            requester = newest(known).map(Change::authorId);
        }
        Set<String> authors = new LinkedHashSet<>();
        known.forEach(c -> authors.add(ids.key(c.authorId())));
        return new People(requester.map(ids::key).orElse(NO_USER), new ArrayList<>(authors));
    }

    /** The latest change by time; among changes of the same or unknown time, the last one listed. */
    private static Optional<Change> newest(List<Change> changes) {
        Change best = null;
        for (Change c : changes) {
            if (best == null || c.timestamp() >= best.timestamp()) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> userIn(List<Trigger> causes, int depth) {
        for (Trigger t : causes) {
            if (t instanceof ByUser u
                    && u.userId() != null
                    && !u.userId().isBlank()
                    && !UserIds.isReserved(u.userId())) {
                return Optional.of(u.userId());
            }
        }
        if (depth < MAX_DEPTH) {
            for (Trigger t : causes) {
                if (t instanceof Upstream up) {
                    Optional<String> user = userIn(up.causes(), depth + 1);
                    if (user.isPresent()) {
                        return user;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean startedByScm(List<Trigger> causes, int depth) {
        for (Trigger t : causes) {
            if (t instanceof ScmChange) {
                return true;
            }
            if (t instanceof Upstream up && depth < MAX_DEPTH && startedByScm(up.causes(), depth + 1)) {
                return true;
            }
        }
        return false;
    }
}
