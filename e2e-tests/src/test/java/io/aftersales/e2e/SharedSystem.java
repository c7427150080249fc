package io.aftersales.e2e;

import io.aftersales.launcher.ServiceProcess;
import io.aftersales.launcher.Supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one running system the e2e test classes share in a test JVM ("start processes sparingly"):
 * the embedded infrastructure, the platform sandbox and the services the tests ask for, started by
 * the launcher's {@link Supervisor} on free ports on first use and stopped at the JVM's exit (the
 * Supervisor's shutdown hook). Data and logs are kept under {@code target/e2e-shared-*} to read after
 * a failure. A test that kills or restarts a service puts the new process back ({@link #replace}).
 * Tests of the infrastructure's own crash ({@code StoreCrashE2EIT}) or of {@code ./aftersales run}
 * ({@code AftersalesRunIT}) start their own.
 */
final class SharedSystem {

    private static Supervisor system;
    private static final Map<String, ServiceProcess> SERVICES = new HashMap<>();

    private SharedSystem() {
    }

    static synchronized Supervisor supervisor() {
        if (system == null) {
            try {
                Files.createDirectories(Path.of("target"));
                Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-shared-");
                system = Supervisor.onFreePorts(dataDir).startInfrastructure();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return system;
    }

    /** The running instance of each named service, in order; those not running yet are started together and awaited. */
    static synchronized List<ServiceProcess> services(String... names) {
        Supervisor supervisor = supervisor();
        List<ServiceProcess> starting = new ArrayList<>();
        for (String name : names) {
            ServiceProcess running = SERVICES.get(name);
            if (running == null || !running.isAlive()) {
                ServiceProcess started = supervisor.start(name, "1");
                SERVICES.put(name, started);
                starting.add(started);
            }
        }
        supervisor.awaitReady(starting, Duration.ofMinutes(2));
        return Arrays.stream(names).map(SERVICES::get).toList();
    }

    /** A test killed or restarted a service: this process is its running instance from now on. */
    static synchronized void replace(String name, ServiceProcess process) {
        SERVICES.put(name, process);
    }
}
