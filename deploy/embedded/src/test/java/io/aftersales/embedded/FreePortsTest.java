package io.aftersales.embedded;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void distinct_ports_are_all_different_and_free() {
        List<Integer> ports = FreePorts.distinct(5);
        assertThat(new HashSet<>(ports)).hasSize(5);
        assertThat(ports).allMatch(FreePorts::isFree);
    }

    @Test
    void a_port_someone_listens_on_is_not_free_and_is_free_again_once_released() throws IOException {
        int port;
        try (ServerSocket taken = new ServerSocket(FreePorts.next())) {
            port = taken.getLocalPort();
            assertThat(FreePorts.isFree(port)).isFalse();
        }
        assertThat(FreePorts.isFree(port)).isTrue();
    }
}
