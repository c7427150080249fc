package io.aftersales.platform.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Work a service does every so often while it runs (sweeps, alarms, gauges), on a daemon thread of
 * its own that starts and stops with the application. A run that fails is logged and the next one
 * tries again. The one way services run periodic work.
 */
public abstract class PeriodicTask implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicTask.class);

    private final String threadName;
    private final Duration initialDelay;
    private final Duration every;
    private ScheduledExecutorService scheduler;

    protected PeriodicTask(String threadName, Duration initialDelay, Duration every) {
        this.threadName = threadName;
        this.initialDelay = initialDelay;
        this.every = every;
    }

    /** One run. */
    protected abstract void runOnce();

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("{} failed; it runs again in {}", threadName, every, e);
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::runSafely, initialDelay.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
