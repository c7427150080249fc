package io.aftersales.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder on a local port, to take a server away from one application and give it back:
 * {@link #stop()} closes the listening socket and every open connection (clients see their
 * connections drop and new ones refused, as when the server process is stopped), {@link #start()}
 * listens again on the same port. The server behind it keeps running with its data, and other
 * tests sharing it are not affected. Works the same with the embedded servers and with containers.
 *
 * <pre>
 * TcpProxy mongo = TcpProxy.to(TestInfrastructure.mongoUri());   // "mongodb://localhost:PORT"
 * registry.add("spring.data.mongodb.uri", () -&gt; mongo.mongoUri());
 * ...
 * mongo.stop();   // MongoDB is gone for this application
 * mongo.start();  // and back, same address, same data
 * </pre>
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private int port;
    private ServerSocket listener;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A started proxy to {@code host:port}. */
    public static TcpProxy to(String host, int port) {
        TcpProxy proxy = new TcpProxy(host, port);
        proxy.start();
        return proxy;
    }

    /** A started proxy to the (first) server of a MongoDB connection string. */
    public static TcpProxy toMongo(String mongoUri) {
        String rest = mongoUri.substring(mongoUri.indexOf("://") + 3);
        rest = rest.substring(rest.indexOf('@') + 1);
        String hostAndPort = rest.split("[/,?]", 2)[0];
        int colon = hostAndPort.lastIndexOf(':');
        return to(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }

    /**
     * A connection string through this proxy: a direct connection (a replica set's members would
     * otherwise be reached at their own addresses), giving up server selection after
     * {@code serverSelectionTimeoutMs}.
     */
    public String mongoUri(long serverSelectionTimeoutMs) {
        return "mongodb://localhost:" + port + "/?directConnection=true&serverSelectionTimeoutMS=" + serverSelectionTimeoutMs;
    }

    public int port() {
        return port;
    }

    /** Listens again (on the same port after the first start) and forwards new connections. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = socket.getLocalPort();
            listener = socket;
        } catch (IOException e) {
            throw new UncheckedIOException("proxy cannot listen on port " + port, e);
        }
        ServerSocket current = listener;
        Thread acceptor = new Thread(() -> accept(current), "tcp-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Refuses new connections and drops the open ones. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    public synchronized boolean isRunning() {
        return listener != null;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                if (server.isClosed()) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                    return;
                }
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ignored) {
                // a side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        stop();
    }
}
