package io.aftersales.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's one way to find a free local port (tests, the test infrastructure, the launcher's
 * free-port mode) and to check that one was released. A port found free may be taken by someone
 * else before it is bound again: callers bind it soon after.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that nothing listens on right now. */
    public static int next() {
        return distinct(1).get(0);
    }

    /** {@code count} different free ports (held open together while chosen, so never the same one twice). */
    public static List<Integer> distinct(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only probing
                }
            }
        }
    }

    /** Whether a server could listen on {@code port} now, e.g. after a process that held it stopped. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
