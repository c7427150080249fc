package io.aftersales.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A service's notification endpoint in a test: records every POST, answers the given statuses first, then 200. */
final class NotificationReceiver implements AutoCloseable {

    record Received(byte[] body, String signature, int status) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final int[] firstStatuses;
    private final AtomicInteger calls = new AtomicInteger();

    NotificationReceiver(int... firstStatuses) {
        this.firstStatuses = Arrays.copyOf(firstStatuses, firstStatuses.length);
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/refunds/notifications", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int call = calls.getAndIncrement();
            int status = call < this.firstStatuses.length ? this.firstStatuses[call] : 200;
            synchronized (received) {
                received.add(new Received(body, exchange.getRequestHeaders().getFirst(PlatformSandbox.SIGNATURE_HEADER),
                        status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/refunds/notifications";
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
