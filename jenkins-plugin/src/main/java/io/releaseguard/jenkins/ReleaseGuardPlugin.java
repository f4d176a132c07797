package io.releaseguard.jenkins;

import io.releaseguard.jenkins.approval.PromotionWorkers;

/** The plugin's life cycle: when Jenkins stops it (shutdown, restart, unload), its promotion threads stop too. */
@SuppressWarnings("deprecation") // hudson.Plugin's constructor is deprecated for plugins that need no Plugin class
public final class ReleaseGuardPlugin extends hudson.Plugin {
    @Override
    public void stop() {
        PromotionWorkers.shutdown();
    }
}
