package io.aftersales.launcher;

import io.aftersales.sandbox.PlatformSandbox;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceTableTest {

    private static final Path ROOT = Path.of(System.getProperty("aftersales.root", "../..")).toAbsolutePath().normalize();

    @Test
    void every_service_configuration_states_the_ports_and_database_of_the_table() throws IOException {
        for (ServiceTable.Service service : ServiceTable.SERVICES) {
            Map<String, Object> yaml = applicationYml(service);
            assertThat(value(yaml, "spring.application.name")).as(service.name()).isEqualTo(service.name());
            assertThat(value(yaml, "server.port")).as(service.name()).isEqualTo(service.apiPort());
            assertThat(value(yaml, "management.server.port")).as(service.name()).isEqualTo(service.managementPort());
            assertThat(value(yaml, "spring.data.mongodb.database")).as(service.name()).isEqualTo(service.database());
            assertThat(value(yaml, "spring.kafka.bootstrap-servers")).as(service.name())
                    .isEqualTo("localhost:" + ServiceTable.KAFKA_PORT);
            assertThat(value(yaml, "spring.data.mongodb.uri")).as(service.name())
                    .isEqualTo("mongodb://localhost:" + ServiceTable.MONGO_PORT);
        }
    }

    @Test
    void no_two_processes_share_a_port() {
        long ports = ServiceTable.SERVICES.stream()
                .flatMap(s -> java.util.stream.Stream.of(s.apiPort(), s.managementPort())).distinct().count();
        assertThat(ports).isEqualTo(2L * ServiceTable.SERVICES.size());
        assertThat(ServiceTable.apiPorts()).doesNotContain(ServiceTable.KAFKA_PORT, ServiceTable.KAFKA_PORT + 1,
                ServiceTable.MONGO_PORT);
        assertThat(ServiceTable.managementPorts()).doesNotContain(ServiceTable.KAFKA_PORT, ServiceTable.KAFKA_PORT + 1,
                ServiceTable.MONGO_PORT);
    }

    @Test
    void the_platform_sandbox_listens_on_its_own_port_and_announces_itself_as_the_supervisor_waits_for() {
        assertThat(ServiceTable.SANDBOX_PORT).isEqualTo(PlatformSandbox.DEFAULT_PORT);
        assertThat(ServiceTable.apiPorts()).doesNotContain(ServiceTable.SANDBOX_PORT);
        assertThat(ServiceTable.managementPorts()).doesNotContain(ServiceTable.SANDBOX_PORT);
        assertThat(List.of(ServiceTable.KAFKA_PORT, ServiceTable.KAFKA_PORT + 1, ServiceTable.MONGO_PORT))
                .doesNotContain(ServiceTable.SANDBOX_PORT);
        assertThat(Supervisor.SANDBOX_READY_LINE).isEqualTo(PlatformSandbox.READY_PREFIX);
        assertThat(ServiceTable.SANDBOX_JAR).startsWith("deploy/sandbox/target/").endsWith("-exec.jar");
    }

    private static Map<String, Object> applicationYml(ServiceTable.Service service) throws IOException {
        Path file = ROOT.resolve(service.name()).resolve("src/main/resources/application.yml");
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> yaml, String path) {
        Object node = yaml;
        for (String key : path.split("\\.")) {
            node = node instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
        }
        return node;
    }
}
