package io.aftersales.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-wire-protocol server (mongo-java-server) storing its data with H2's MVStore:
 * in one file when a path is given (the data survives restarts), in memory otherwise.
 *
 * <p>It is not a real MongoDB: no replica set, no sessions or multi-document transactions, no change
 * streams, a subset of the query/aggregation language (reported as version 5.0.0, wire version 8).
 * Enough for local runs and tests of simple persistence. Write commands run one at a time, so that
 * unique inserts, {@code findAndModify} and conditional updates are atomic as on MongoDB, and a
 * file-backed server commits every write to its file before answering it, so that an acknowledged
 * write survives {@code kill -9} ({@link EmbeddedH2Backend}, ADR 0020). {@code hello} is answered
 * like {@code isMaster}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);
    private static final String HOST = "localhost";

    private final Path file;
    private final int requestedPort;
    /**
     * Netty event-loop threads serving the connections. mongo-java-server answers a command on its
     * connection's event loop, and a write waits there for its commit (ADR 0177); with netty's
     * default of two loops per core, every connection sharing a loop with a waiting writer waited
     * too, reads included: under intake load an inbox look-up by id took 25 ms on average. With a
     * loop for about every connection the services open, a connection waits only for its own
     * commands, as with MongoDB's thread per connection (ADR 0182).
     */
    static final int CONNECTION_THREADS = 96;

    private MongoServer server;
    private int boundPort;

    /** File-backed server on {@code port}; {@code file == null} means in memory; {@code port == 0} picks a free port. */
    public EmbeddedMongoServer(Path file, int port) {
        this.file = file == null ? null : file.toAbsolutePath();
        if (port < 0) {
            throw new IllegalArgumentException("port " + port);
        }
        this.requestedPort = port;
    }

    /** In-memory server on {@code port}. */
    public static EmbeddedMongoServer inMemory(int port) {
        return new EmbeddedMongoServer(null, port);
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        H2Backend backend;
        if (file == null) {
            backend = EmbeddedH2Backend.createInMemory();
        } else {
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create MongoDB data directory " + file.getParent(), e);
            }
            backend = EmbeddedH2Backend.inFile(file.toString());
        }
        MongoServer mongoServer = new MongoServer(backend);
        try {
            // a restart reuses the port chosen the first time, so the address stays the same
            mongoServer.bind(new InetSocketAddress(HOST, boundPort != 0 ? boundPort : requestedPort), 1, CONNECTION_THREADS);
        } catch (RuntimeException e) {
            mongoServer.shutdownNow();
            throw new IllegalStateException("MongoDB server failed to start on port " + requestedPort
                    + (file == null ? "" : " (data " + file + ")"), e);
        }
        InetSocketAddress address = mongoServer.getLocalAddress();
        boundPort = address.getPort();
        server = mongoServer;
        LOG.info("MongoDB-protocol server started on {} ({})", connectionString(), file == null ? "in memory" : file);
    }

    /** Closes client connections and the H2 store (committing and closing the file cleanly). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        MongoServer mongoServer = server;
        server = null;
        // shutdown() stops listening, closes the connections, then closes the backend (MVStore.close)
        mongoServer.shutdown();
        LOG.info("MongoDB-protocol server on port {} stopped", boundPort);
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port: the requested one, or after {@link #start()} the bound one when 0 was requested. */
    public synchronized int port() {
        return boundPort != 0 ? boundPort : requestedPort;
    }

    /** {@code mongodb://localhost:PORT} (no database name). */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + port();
    }

    /** The H2 file, or {@code null} in memory. */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "EmbeddedMongoServer[" + connectionString() + ", " + (file == null ? "in memory" : file) + "]";
    }
}
