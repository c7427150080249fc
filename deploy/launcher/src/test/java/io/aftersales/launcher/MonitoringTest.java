package io.aftersales.launcher;

import io.aftersales.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ./aftersales run --monitoring}: the generated Prometheus configuration, and Prometheus itself when installed. */
class MonitoringTest {

    private static final Path ROOT = Path.of(System.getProperty("aftersales.root", "../..")).toAbsolutePath().normalize();

    @Test
    void the_generated_configuration_scrapes_each_service_on_its_management_port_with_the_repository_rules() {
        Map<String, Object> config = new Yaml().load(Monitoring.config(ServiceTable.SERVICES, ROOT.resolve(Monitoring.RULES)));

        List<Map<String, Object>> jobs = list(config.get("scrape_configs"));
        assertThat(jobs).extracting(job -> job.get("job_name"))
                .containsExactlyElementsOf(ServiceTable.SERVICES.stream().map(ServiceTable.Service::name).toList());
        for (Map<String, Object> job : jobs) {
            ServiceTable.Service service = ServiceTable.service((String) job.get("job_name"));
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(list(job.get("static_configs")).get(0).get("targets"))
                    .isEqualTo(List.of("localhost:" + service.managementPort()));
        }
        assertThat((List<?>) config.get("rule_files")).singleElement()
                .satisfies(rules -> assertThat(Path.of((String) rules)).isAbsolute().exists());
    }

    @Test
    void the_compose_prometheus_configuration_has_one_job_per_service_on_the_management_ports_of_the_table() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        Map<Object, Object> byJob = new java.util.HashMap<>();
        list(config.get("scrape_configs")).forEach(job -> byJob.put(job.get("job_name"), job));
        for (ServiceTable.Service service : ServiceTable.SERVICES) {
            @SuppressWarnings("unchecked")
            Map<String, Object> job = (Map<String, Object>) byJob.get(service.name());
            assertThat(job).as(service.name()).isNotNull();
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(list(job.get("static_configs")).get(0).get("targets")).as(service.name())
                    .isEqualTo(List.of(service.name() + "-1:" + service.managementPort(),
                            service.name() + "-2:" + service.managementPort()));
        }
    }

    @Test
    void without_a_prometheus_binary_on_the_path_none_is_found_and_the_advice_says_how_to_get_one(@TempDir Path empty) {
        assertThat(Monitoring.findPrometheus(empty.toString())).isEmpty();
        assertThat(Monitoring.findPrometheus(null)).isEmpty();
        assertThat(Monitoring.howToGetPrometheus()).contains("apt-get install prometheus", "--monitoring");
    }

    @Test
    void an_installed_prometheus_starts_with_the_generated_configuration_loads_the_rules_and_stops_with_the_system(
            @TempDir Path dataDir) throws Exception {
        Optional<Path> binary = Monitoring.findPrometheus(System.getenv("PATH"));
        assumeTrue(binary.isPresent(), "no prometheus on the PATH (apt-get install prometheus)");
        int port = FreePorts.next();
        Supervisor system = Supervisor.onFreePorts(ROOT, dataDir);
        ManagedProcess prometheus;
        try {
            String url = Monitoring.start(system, ROOT, binary.get(), port, Progress.console());
            assertThat(url).isEqualTo("http://localhost:" + port);
            // the scrape targets are discovered just after Prometheus reports ready
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(url + "/api/v1/targets"))
                    .contains("\"job\":\"ticket-service\"", "\"job\":\"refund-service\"",
                            "\"job\":\"logistics-service\"", "\"job\":\"feedback-service\""));
            assertThat(get(url + "/api/v1/rules")).contains("\"name\":\"ServiceDown\"", "\"name\":\"DeadLetterTopicNotEmpty\"");
            assertThat(dataDir.resolve("prometheus/prometheus.yml")).exists();
            prometheus = system.services().isEmpty() ? null : system.services().get(0);
        } finally {
            system.close();
        }
        assertThat(prometheus).isNull(); // a helper, not a service
        assertThat(Monitoring.ready("http://localhost:" + port)).as("stopped with the system").isFalse();
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
