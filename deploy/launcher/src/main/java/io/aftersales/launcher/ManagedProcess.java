package io.aftersales.launcher;

import java.util.concurrent.TimeUnit;

/** One process the {@link Supervisor} started: the embedded infrastructure or a service instance. */
public class ManagedProcess {

    private final String name;
    private final Process process;
    private final LogFile log;

    ManagedProcess(String name, Process process, LogFile log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public LogFile log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no shutdown hook, no flush, nothing graceful. */
    public void killHard() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
