package io.releaseguard.jenkins.approval;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices decisions recorded outside Jenkins (with the CLI, against the same state folder) by asking {@link
 * ReleaseGuardWaits} every 30 seconds to re-read the status of each parked promotion step. Thirty seconds keeps a CLI
 * decision's wake-up well inside a reviewer's patience while costing one small state-file read per waiting step;
 * decisions made through the approval page still wake steps at once. It runs on its own thread ({@link
 * AsyncPeriodicWork}), as the reads are file I/O that must not hold up the shared timer.
 */
@Extension
public final class ApprovalRecheck extends AsyncPeriodicWork {
    private static final Logger LOGGER = Logger.getLogger(ApprovalRecheck.class.getName());
    private static final long PERIOD = TimeUnit.SECONDS.toMillis(30);

    public ApprovalRecheck() {
        super("release-guard approval recheck");
    }

    @Override
    public long getRecurrencePeriod() {
        return PERIOD;
    }

    @Override
    protected void execute(TaskListener listener) {
        int settled = ReleaseGuardWaits.get().recheckAll();
        if (settled > 0) {
            LOGGER.log(Level.FINE, "a recheck settled {0} waiting promotion step(s)", settled);
        }
    }
}
