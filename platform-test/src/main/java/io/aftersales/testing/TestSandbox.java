package io.aftersales.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.aftersales.embedded.FreePorts;
import io.aftersales.sandbox.PlatformSandbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one platform sandbox of this JVM (docs/platform-sandbox.md), started on first use on a free
 * port with its ledger in a temporary directory, closed and deleted when the JVM exits. The same
 * in-process sandbox serves the embedded and the container mode: it is a plain JDK HTTP server,
 * nothing to put in a container.
 */
final class TestSandbox {

    private static final Logger LOG = LoggerFactory.getLogger(TestSandbox.class);

    private static PlatformSandbox sandbox;

    private TestSandbox() {
    }

    static synchronized String url() {
        if (sandbox == null) {
            Path dataDir;
            try {
                dataDir = Files.createTempDirectory("aftersales-test-sandbox-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PlatformSandbox started = PlatformSandbox.start(FreePorts.next(), dataDir, PlatformSandbox.DEFAULT_SECRET);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                EmbeddedTestInfrastructure.deleteRecursively(dataDir);
            }, "aftersales-test-sandbox-shutdown"));
            sandbox = started;
            LOG.info("test platform sandbox at {}, ledger {}", started.url(), started.ledgerFile());
        }
        return sandbox.url();
    }
}
