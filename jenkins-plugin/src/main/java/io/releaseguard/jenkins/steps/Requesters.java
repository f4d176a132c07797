package io.releaseguard.jenkins.steps;

import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.releaseguard.jenkins.approval.RealmIds;
import io.releaseguard.jenkins.promotion.BuildOrigin;
import java.util.ArrayList;
import java.util.List;
import jenkins.scm.RunWithSCM;

/**
 * Reads a build's causes and change sets into {@link BuildOrigin}'s values, which decide who requested it and who
 * wrote it; ids are the security realm's keys ({@link RealmIds}).
 */
final class Requesters {
    /** Upstream causes are read this deep, as {@link BuildOrigin} follows them. */
    private static final int MAX_DEPTH = 10;

    private Requesters() {}

    static BuildOrigin.People of(Run<?, ?> run) {
        List<BuildOrigin.Change> changes = new ArrayList<>();
        if (run instanceof RunWithSCM<?, ?> scm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : scm.getChangeSets()) {
                for (ChangeLogSet.Entry e : set) {
                    User author = e.getAuthor();
                    if (author != null) {
                        changes.add(new BuildOrigin.Change(author.getId(), e.getTimestamp()));
                    }
                }
            }
        }
        return BuildOrigin.people(triggers(run.getCauses(), 0), changes, RealmIds.current());
    }

    private static List<BuildOrigin.Trigger> triggers(List<Cause> causes, int depth) {
        List<BuildOrigin.Trigger> out = new ArrayList<>();
        for (Cause c : causes) {
            if (c instanceof Cause.UserIdCause u) {
                out.add(new BuildOrigin.ByUser(u.getUserId()));
            } else if (c instanceof Cause.UpstreamCause up) {
                out.add(new BuildOrigin.Upstream(
                        depth < MAX_DEPTH ? triggers(up.getUpstreamCauses(), depth + 1) : List.of()));
            } else if (BuildOrigin.isScmChange(classNames(c.getClass()))) {
                out.add(new BuildOrigin.ScmChange());
            } else {
                out.add(new BuildOrigin.Other());
            }
        }
        return out;
    }

    private static List<String> classNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            names.add(c.getName());
        }
        return names;
    }
}
