package io.aftersales.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The PromQL of the Grafana dashboards ({@code deploy/grafana/dashboards/*.json}) and of the alert rules
 * ({@code deploy/prometheus/rules/*.yml}), and the metric names it uses: a small tokenizer that drops
 * strings, label matchers, ranges and grouping clauses, then keeps the identifiers that are neither
 * functions (followed by "(") nor PromQL keywords.
 */
final class MonitoringQueries {

    static final Path DASHBOARDS = Path.of("deploy/grafana/dashboards");
    static final Path RULES = Path.of("deploy/prometheus/rules");
    /** Series Prometheus makes itself, exposed by no service. */
    static final Set<String> SYNTHETIC = Set.of("up");

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "inf", "nan", "atan2");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[A-Za-z_:][A-Za-z0-9_:]*(?!\\w)(\\s*\\()?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringQueries() {
    }

    /** One query and where it is (file and panel or alert). */
    record Query(String where, String expr) {
    }

    static List<Query> all(Path root) {
        List<Query> queries = new ArrayList<>(dashboards(root));
        queries.addAll(rules(root));
        return queries;
    }

    static List<Query> dashboards(Path root) {
        List<Query> queries = new ArrayList<>();
        for (Path file : files(root.resolve(DASHBOARDS), ".json")) {
            JsonNode dashboard = read(file);
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    queries.add(new Query(file.getFileName() + " / " + panel.path("title").asText(),
                            target.path("expr").asText()));
                }
            }
        }
        return queries;
    }

    static List<Query> rules(Path root) {
        List<Query> queries = new ArrayList<>();
        for (Path file : files(root.resolve(RULES), ".yml")) {
            for (Map<String, Object> group : groups(file)) {
                for (Map<String, Object> rule : list(group.get("rules"))) {
                    queries.add(new Query(file.getFileName() + " / " + rule.get("alert"), String.valueOf(rule.get("expr"))));
                }
            }
        }
        return queries;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> groups(Path rulesFile) {
        try {
            Map<String, Object> yaml = new Yaml().load(Files.readString(rulesFile));
            return (List<Map<String, Object>>) yaml.get("groups");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every metric name used, with the first place that uses it. */
    static Map<String, String> metricNames(List<Query> queries) {
        Map<String, String> names = new TreeMap<>();
        for (Query query : queries) {
            for (String name : metricNames(query.expr())) {
                names.putIfAbsent(name, query.where());
            }
        }
        return names;
    }

    static Set<String> metricNames(String expr) {
        String bare = STRING.matcher(expr).replaceAll("\"\"");
        bare = bare.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
        bare = GROUPING.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String token = matcher.group().replaceAll("[\\s(]", "");
            if (matcher.group(1) == null && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }

    static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path json) {
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
