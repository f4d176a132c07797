package io.releaseguard.jenkins.approval;

import io.releaseguard.jenkins.promotion.UserIds;
import jenkins.model.IdStrategy;
import jenkins.model.Jenkins;

/** The security realm's user id strategy as {@link UserIds}, read when asked so a realm changed later applies. */
public final class RealmIds {
    private RealmIds() {}

    public static UserIds current() {
        IdStrategy ids = Jenkins.get().getSecurityRealm().getUserIdStrategy();
        return new UserIds(ids::keyFor, ids::equals);
    }
}
