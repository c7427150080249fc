package io.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.aftersales.contracts.claims.v1.ReshipmentOrdered;
import io.aftersales.contracts.claims.v1.ReshipmentShipped;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.contracts.tickets.v1.ResolutionApproved;
import io.aftersales.contracts.tickets.v1.ResolutionRejected;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every published event: its schema, its sample and its record agree. */
class PublishedEventsTest {

    /** Fields that may be null (or absent) in any published event that has them; everything else is always there. */
    private static final Set<String> NULLABLE =
            Set.of("externalId", "styleCode", "batch", "signedAt", "defectType", "responsibility",
                    "ticketCount", "previousAssignee", "declineReason", "shippingPaidBy", "resolutionKind",
                    "satisfaction", "duplicateOf");

    /**
     * Fields that may be null in the named events only: a refund or a reshipment (shipped or ordered) may carry out no
     * ticket's resolution, while every ticket event has its ticket and resolution; a supervisor's
     * note is optional, QA's note on a relisting is not.
     */
    private static final Map<String, Set<String>> NULLABLE_IN = Map.ofEntries(
            Map.entry(ResolutionApproved.TYPE, Set.of("note")),
            Map.entry(ResolutionRejected.TYPE, Set.of("note")),
            Map.entry(RefundPaid.TYPE, Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.requested.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.agreed.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.refused.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.cancelled.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.return-shipped.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.qc-passed.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.qc-failed.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.approved.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry("aftersales.refund.closed.v1", Set.of("ticketId", "resolutionNumber")),
            Map.entry(ReshipmentShipped.TYPE, Set.of("resolutionNumber")),
            Map.entry(ReshipmentOrdered.TYPE, Set.of("resolutionNumber")));

    private static boolean nullable(String ceType, String field) {
        return NULLABLE.contains(field) || NULLABLE_IN.getOrDefault(ceType, Set.of()).contains(field);
    }

    static Stream<String> ceTypes() {
        return ContractResources.knownTypes().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void every_sample_is_valid_against_its_schema(String ceType) {
        Set<ValidationMessage> errors = Json.validate(ceType, Json.tree(ContractResources.sample(ceType)));

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void every_sample_reads_into_its_record_and_writes_back_the_same_valid_json(String ceType) throws Exception {
        JsonNode sample = Json.tree(ContractResources.sample(ceType));

        IntegrationEvent event = Json.MAPPER.treeToValue(sample, ContractResources.knownTypes().get(ceType));
        JsonNode written = Json.MAPPER.valueToTree(event);

        assertThat(Json.validate(ceType, written)).isEmpty();
        assertThat(written).isEqualTo(sample);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void a_sample_with_unknown_fields_still_reads_into_the_same_record_and_still_validates(String ceType)
            throws Exception {
        Class<? extends IntegrationEvent> type = ContractResources.knownTypes().get(ceType);
        JsonNode sample = Json.tree(ContractResources.sample(ceType));
        JsonNode extended = withUnknownFieldsEverywhere(sample.deepCopy());

        IntegrationEvent event = Json.MAPPER.treeToValue(extended, type);

        assertThat(event).isEqualTo(Json.MAPPER.treeToValue(sample, type));
        assertThat(Json.validate(ceType, extended)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void the_schema_describes_exactly_the_record_components(String ceType) {
        JsonNode schema = Json.tree(ContractResources.schema(ceType));
        Set<String> components = Arrays.stream(recordComponents(ceType))
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(fieldNames(schema.get("properties"))).isEqualTo(components);
        assertThat(schema.get("additionalProperties").booleanValue()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void only_the_documented_fields_may_be_null_or_absent(String ceType) {
        JsonNode schema = Json.tree(ContractResources.schema(ceType));
        JsonNode sample = Json.tree(ContractResources.sample(ceType));
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(name -> required.add(name.asText()));

        for (RecordComponent component : recordComponents(ceType)) {
            String name = component.getName();
            ObjectNode withNull = sample.deepCopy();
            withNull.putNull(name);
            ObjectNode without = sample.deepCopy();
            without.remove(name);
            boolean nullable = nullable(ceType, name);

            assertThat(required.contains(name)).as("%s required", name).isEqualTo(!nullable);
            assertThat(Json.validate(ceType, withNull)).as("%s = null", name).matches(e -> e.isEmpty() == nullable);
            assertThat(Json.validate(ceType, without)).as("%s absent", name).matches(e -> e.isEmpty() == nullable);
            if (component.getType().isPrimitive()) {
                assertThat(nullable).as("primitive %s", name).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void the_sample_with_every_nullable_field_null_still_reads_writes_and_validates(String ceType) throws Exception {
        ObjectNode sample = (ObjectNode) Json.tree(ContractResources.sample(ceType));
        List<String> names = new ArrayList<>();
        sample.fieldNames().forEachRemaining(names::add);
        names.stream().filter(name -> nullable(ceType, name)).forEach(sample::putNull);

        IntegrationEvent event = Json.MAPPER.treeToValue(sample, ContractResources.knownTypes().get(ceType));
        JsonNode written = Json.MAPPER.valueToTree(event);

        assertThat(Json.validate(ceType, sample)).isEmpty();
        assertThat(Json.validate(ceType, written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ceTypes")
    void every_schema_names_its_type_and_uses_draft_2020_12(String ceType) {
        JsonNode schema = Json.tree(ContractResources.schema(ceType));

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$id").asText()).endsWith(":" + ceType);
    }

    private static RecordComponent[] recordComponents(String ceType) {
        return ContractResources.knownTypes().get(ceType).getRecordComponents();
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode withUnknownFieldsEverywhere(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                withUnknownFieldsEverywhere(it.next());
            }
            object.put("addedInALaterRelease", "ignored by v1 consumers");
            object.putObject("nestedAddition").put("channel", "WANGWANG");
        } else if (node.isArray()) {
            node.forEach(PublishedEventsTest::withUnknownFieldsEverywhere);
        }
        return node;
    }
}
