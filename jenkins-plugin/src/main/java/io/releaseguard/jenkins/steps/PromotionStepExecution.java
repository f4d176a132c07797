package io.releaseguard.jenkins.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.console.HyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.approval.ApprovalStatus;
import io.releaseguard.engine.state.Decision;
import io.releaseguard.jenkins.approval.PromotionWorkers;
import io.releaseguard.jenkins.approval.ReleaseGuardApprovalAction;
import io.releaseguard.jenkins.approval.ReleaseGuardWaits;
import io.releaseguard.jenkins.node.AgentNode;
import io.releaseguard.jenkins.policy.PolicyRef;
import io.releaseguard.jenkins.policy.PolicySource;
import io.releaseguard.jenkins.policy.ReleaseGuardGlobalConfiguration;
import io.releaseguard.jenkins.promotion.ApprovalWaits;
import io.releaseguard.jenkins.promotion.PendingApproval;
import io.releaseguard.jenkins.promotion.PromotionTask;
import io.releaseguard.jenkins.promotion.SoakParking;
import io.releaseguard.jenkins.promotion.StepNode;
import io.releaseguard.jenkins.promotion.StepOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;

/**
 * Runs a promote or resume step without holding a thread while it waits. Each attempt runs the engine on a worker
 * thread, never on the Pipeline's own thread; the engine decides on the controller and acts on the step's node
 * ({@link AgentNode}), so the step needs {@code node {}}. When the engine answers that only approvals are missing, the step
 * lists the promotion on the build's approval page, parks in {@link ApprovalWaits} and gives its thread back; a
 * decision recorded through that page wakes it, and it promotes again once the engine says approvals are settled.
 * Its fields (the task, the promotion it waits for) are saved with the Pipeline, so after a controller restart
 * {@link #onResume} parks it again (first re-reading the status, so decisions made meanwhile count), or continues a
 * promotion that was rolling out, which the engine resumes from its journal without repeating finished steps. A soak
 * longer than {@link SoakParking#PARK_OVER} holds no thread either: the engine stops the attempt at its journaled soak
 * and releases the environment lock, and a {@link Timer} task promotes again when the soak ends (after a restart,
 * {@link #onResume} promotes at once and the engine parks it again for what is left).
 */
abstract class PromotionStepExecution extends StepExecution implements ApprovalWaits.Waiter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(PromotionStepExecution.class.getName());
    private static final String PREFIX = "release-guard: ";

    private final String function;
    private final String config;

    /** Set by the first attempt, so every later one (after approvals, after a restart) promotes exactly the same. */
    private volatile PromotionTask task;

    /** The promotion this step waits on for approvals; null while it promotes. */
    private volatile String awaiting;

    private transient volatile Future<?> running;
    private transient volatile ApprovalWaits.Parking parking;
    private transient volatile ScheduledFuture<?> waking;
    private transient volatile boolean stopped;

    PromotionStepExecution(StepContext context, String function, String config) {
        super(context);
        this.function = function;
        this.config = config;
    }

    /** The promotion this step asks for, under {@code policy}, with its state in {@code stateDir}. */
    protected abstract PromotionTask task(PolicyRef policy, Path stateDir, Run<?, ?> run) throws ReleaseGuardException;

    @Override
    public boolean start() throws Exception {
        running = submit(this::attempt);
        return false;
    }

    @Override
    public void onResume() {
        running = submitOrFail(() -> {
            String id = awaiting;
            if (id == null) {
                log("the controller restarted during the promotion; continuing it");
                attempt();
                return;
            }
            log("the controller restarted; still waiting for approvals of promotion " + id);
            try {
                park(id);
            } catch (ReleaseGuardException e) {
                getContext().onFailure(new AbortException(e.getMessage()));
            }
        });
    }

    /**
     * Stops the worker (an interrupted rollout stays resumable with {@code releaseGuardResume}) or the wait (the
     * engine keeps the promotion and its approvals; promoting the same release again picks them up).
     */
    @Override
    public void stop(@NonNull Throwable cause) throws Exception {
        Future<?> f;
        ApprovalWaits.Parking p;
        ScheduledFuture<?> w;
        String id;
        // Under the lock pause(), settled() and soak() take, so a wait being set up is either seen here or not set up.
        synchronized (this) {
            stopped = true;
            f = running;
            p = parking;
            w = waking;
            id = awaiting;
        }
        if (f != null) {
            f.cancel(true);
        }
        if (w != null) {
            w.cancel(false);
        }
        if (p != null) {
            p.cancel();
        }
        if (id == null) {
            super.stop(cause);
            return;
        }
        // Saving build.xml and the flow node could wait on the build: never from the thread that asked us to stop.
        // As `input` does, the step ends (here: fails with the cause) only once its listing and pause are gone.
        submitOrFail(() -> {
            unlist(id);
            endPause();
            getContext().onFailure(cause);
        });
    }

    @Override
    public String getStatus() {
        String id = awaiting;
        if (id != null) {
            return "waiting for approvals of promotion " + id;
        }
        ScheduledFuture<?> w = waking;
        if (w != null && !w.isDone()) {
            return "soaking; promoting again in " + w.getDelay(TimeUnit.SECONDS) + " s";
        }
        Future<?> f = running;
        return f != null && !f.isDone() ? "promoting" : null;
    }

    /** A rollout in progress holds a safe restart back; a wait for approvals does not. */
    @Override
    public boolean blocksRestart() {
        Future<?> f = running;
        return awaiting == null && f != null && !f.isDone();
    }

    @Override
    public void decided(String promotionId, String userId, Decision decision, ApprovalStatus status) {
        log(userId + (decision == Decision.APPROVE ? " approved" : " rejected") + " promotion " + promotionId + ": "
                + status.message());
    }

    @Override
    public synchronized void settled() {
        String id = awaiting;
        if (id == null || stopped) {
            return;
        }
        awaiting = null;
        parking = null;
        running = submitOrFail(() -> {
            unlist(id);
            endPause();
            getContext().saveState();
            attempt();
        });
    }

    private void attempt() {
        try {
            StepNode node = AgentNode.of(function, getContext().get(FilePath.class));
            PromotionTask t = task;
            if (t == null) {
                t = resolve();
                task = t;
                getContext().saveState();
            }
            PrintStream log = listener().getLogger();
            log.println(PREFIX + "promoting " + t.describe());
            StepOutcome outcome = t.attempt(
                    ReleaseGuardGlobalConfiguration.get().policy(t.policy()),
                    node,
                    environment(),
                    Clock.systemUTC(),
                    SoakParking.soaker(),
                    line -> log.println(PREFIX + line));
            if (outcome instanceof StepOutcome.Finished f) {
                log.println(PREFIX + f.value().get("message"));
                getContext().onSuccess(new LinkedHashMap<>(f.value()));
            } else if (outcome instanceof StepOutcome.AwaitingApprovals a) {
                pause(a, log);
            } else if (outcome instanceof StepOutcome.Waiting w) {
                soak(w, log);
            } else if (outcome instanceof StepOutcome.Failed f) {
                if (f.failsBuild()) {
                    run().setResult(Result.FAILURE);
                }
                getContext().onFailure(new AbortException(f.message()));
            }
        } catch (ReleaseGuardException e) {
            getContext().onFailure(new AbortException(e.getMessage()));
        } catch (Exception | LinkageError e) {
            getContext().onFailure(e);
        }
    }

    private PromotionTask resolve() throws Exception {
        ReleaseGuardGlobalConfiguration global = ReleaseGuardGlobalConfiguration.get();
        return task(policyRef(global), global.stateDirectory(), run());
    }

    /** The workspace policy when an administrator allows it and the file is there, else the global policy. */
    private PolicyRef policyRef(ReleaseGuardGlobalConfiguration global) throws Exception {
        Optional<String> path = PolicySource.promotionWorkspacePath(function, config, global.isAllowWorkspacePolicy());
        if (path.isEmpty()) {
            global.promotionPolicy();
            return PolicyRef.global();
        }
        FilePath workspace = getContext().get(FilePath.class);
        Optional<PolicySource> file = PolicyStepExecution.fromWorkspace(workspace, path.get());
        if (file.isPresent()) {
            return PolicyRef.snapshot(file.get());
        }
        global.fallbackFor(path.get(), workspace == null ? null : workspace.getRemote());
        return PolicyRef.global();
    }

    private void pause(StepOutcome.AwaitingApprovals a, PrintStream log) throws Exception {
        Run<?, ?> run = run();
        String id = a.promotionId();
        synchronized (this) {
            if (stopped) {
                return;
            }
            awaiting = id;
        }
        // Saving build.xml and the flow node happens outside the lock, which stop() takes from threads that may hold
        // the build's own monitor.
        ReleaseGuardApprovalAction.of(run).add(new PendingApproval(id, task));
        // Shown as paused in the build, as `input` is; the action is saved with the flow node, so it survives a
        // restart.
        FlowNode node = getContext().get(FlowNode.class);
        if (node != null) {
            node.addAction(new PauseAction("Approval"));
        }
        if (stopped) {
            // stop() came while the page and the pause were set up, and may have cleaned up before they existed.
            unlist(id);
            endPause();
            return;
        }
        getContext().saveState();
        log.println(PREFIX + a.message());
        log.println(PREFIX
                + HyperlinkNote.encodeTo(
                        "/" + run.getUrl() + ReleaseGuardApprovalAction.URL_NAME + "/",
                        "approve or reject promotion " + id));
        park(id);
    }

    /** Promotes again when the parked soak ends, from a {@link Timer} task that only hands the attempt to a worker. */
    private void soak(StepOutcome.Waiting w, PrintStream log) {
        log.println(PREFIX + w.message());
        long delay = SoakParking.delay(w.until(), Clock.systemUTC()).toMillis();
        synchronized (this) {
            if (!stopped) {
                waking = Timer.get().schedule(this::wake, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Submitting reads the step's context: never under the lock stop() takes (see {@link #pause}). */
    private void wake() {
        synchronized (this) {
            waking = null;
            if (stopped) {
                return;
            }
        }
        Future<?> f = submitOrFail(this::attempt);
        synchronized (this) {
            running = f;
            if (stopped && f != null) {
                f.cancel(true);
            }
        }
    }

    private synchronized void park(String promotionId) throws ReleaseGuardException {
        if (stopped) {
            return;
        }
        PromotionTask t = task;
        parking = ReleaseGuardWaits.get().park(promotionId, this, id -> ReleaseGuardApprovalAction.desk(t)
                .status(id));
    }

    /** Ends the approval pause on the step's flow node; a node that is not paused is left as it is. */
    private void endPause() {
        try {
            FlowNode node = getContext().get(FlowNode.class);
            if (node != null) {
                PauseAction.endCurrentPause(node);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot end the approval pause of " + getContext(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code work} on a promotion thread as the build (its Pipeline's authentication). */
    private Future<?> submit(Runnable work) throws IOException, InterruptedException {
        FlowExecution execution = getContext().get(FlowExecution.class);
        if (execution == null) {
            throw new IllegalStateException(function + " runs only in a Pipeline");
        }
        return PromotionWorkers.submit(execution.getAuthentication2(), work);
    }

    /** {@link #submit}, failing the step when the work cannot even be handed to a promotion thread. */
    private Future<?> submitOrFail(Runnable work) {
        try {
            return submit(work);
        } catch (IOException | RuntimeException e) {
            getContext().onFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            getContext().onFailure(e);
        }
        return null;
    }

    /** Takes the promotion off the build's approval page. */
    private void unlist(String promotionId) {
        try {
            ReleaseGuardApprovalAction action = run().getAction(ReleaseGuardApprovalAction.class);
            if (action != null) {
                action.remove(promotionId);
            }
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot update the approval page of " + getContext(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void log(String line) {
        try {
            listener().getLogger().println(PREFIX + line);
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot write to the build log of " + getContext(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Run<?, ?> run() throws IOException, InterruptedException {
        return getContext().get(Run.class);
    }

    private TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }

    /**
     * The step's environment (withEnv, withCredentials, sshagent included): the policy's {@code ${env:NAME}} values
     * and the environment of every process the promotion starts, all of them on the step's node.
     */
    private Map<String, String> environment() throws IOException, InterruptedException {
        EnvVars env = getContext().get(EnvVars.class);
        return env == null ? Map.of() : env;
    }
}
