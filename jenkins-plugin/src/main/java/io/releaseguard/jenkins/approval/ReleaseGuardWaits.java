package io.releaseguard.jenkins.approval;

import hudson.Extension;
import hudson.ExtensionList;
import io.releaseguard.jenkins.promotion.ApprovalWaits;

/**
 * The controller's one {@link ApprovalWaits}: an extension, so it lives and dies with this Jenkins instance and a
 * restarted controller starts with no parked steps until their executions resume and park again.
 */
@Extension
public final class ReleaseGuardWaits {
    private final ApprovalWaits waits = new ApprovalWaits();

    public static ApprovalWaits get() {
        return ExtensionList.lookupSingleton(ReleaseGuardWaits.class).waits;
    }
}
