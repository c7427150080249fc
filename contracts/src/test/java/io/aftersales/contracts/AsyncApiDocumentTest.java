package io.aftersales.contracts;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The AsyncAPI document parses, points only at what exists and agrees with the records and topics. */
class AsyncApiDocumentTest {

    private static JsonNode doc;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = ContractResources.class.getClassLoader()
                .getResourceAsStream(ContractResources.ASYNCAPI_RESOURCE)) {
            assertThat(in).as(ContractResources.ASYNCAPI_RESOURCE).isNotNull();
            doc = new YAMLMapper().readTree(in);
        }
    }

    @Test
    void the_document_is_asyncapi_3_yaml() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
    }

    @Test
    void every_reference_points_at_something_that_exists() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);

        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            int hash = ref.indexOf('#');
            String file = hash < 0 ? ref : ref.substring(0, hash);
            String pointer = hash < 0 ? "" : ref.substring(hash + 1);
            JsonNode target = doc;
            if (!file.isEmpty()) {
                assertThat(file).as(ref).startsWith("./schemas/").endsWith(".json");
                String resource = file.substring(2);
                assertThat(ContractResources.class.getClassLoader().getResource(resource)).as(ref).isNotNull();
                target = Json.tree(read(resource));
            }
            assertThat(target.at(JsonPointer.compile(pointer)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void the_channels_are_exactly_the_four_public_topics_with_kafka_bindings() {
        Set<String> addresses = new TreeSet<>();
        doc.path("channels").forEach(channel -> {
            String address = channel.path("address").asText();
            addresses.add(address);
            assertThat(channel.path("bindings").path("kafka").path("topic").asText()).isEqualTo(address);
        });

        assertThat(addresses).containsExactlyInAnyOrder(Topics.TICKETS, Topics.REFUNDS, Topics.CLAIMS, Topics.QUALITY);
    }

    @Test
    void every_known_type_has_one_message_with_its_ce_type_and_its_schema_as_payload() {
        Map<String, String> payloadByType = new HashMap<>();
        doc.path("components").path("messages").forEach(message -> {
            String ceType = message.at("/headers/allOf/1/properties/ce_type/const").asText();
            assertThat(message.at("/payload/schemaFormat").asText())
                    .isEqualTo("application/schema+json;version=draft-2020-12");
            assertThat(payloadByType.put(ceType, message.at("/payload/schema/$ref").asText())).as(ceType).isNull();
        });

        assertThat(payloadByType.keySet()).isEqualTo(ContractResources.knownTypes().keySet());
        payloadByType.forEach((ceType, ref) -> assertThat(ref).isEqualTo("./schemas/" + ceType + ".json"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "aftersales.tickets.v1, aftersales.ticket., TicketId, ticket-service",
            "aftersales.refunds.v1, aftersales.refund., RefundId, refund-service",
            "aftersales.claims.v1, aftersales.claim., ClaimId, logistics-service"})
    void every_message_of_a_context_is_on_its_channel_keyed_by_its_aggregate_and_sent_by_its_producer(
            String topic, String typePrefix, String keySchema, String producer) {
        Set<String> onChannel = new TreeSet<>();
        channel(topic).path("messages").forEach(m -> onChannel.add(m.path("$ref").asText()));
        Set<String> ofContext = new TreeSet<>();
        doc.path("components").path("messages").fields().forEachRemaining(message -> {
            if (message.getValue().at("/headers/allOf/1/properties/ce_type/const").asText().startsWith(typePrefix)) {
                ofContext.add("#/components/messages/" + message.getKey());
            }
        });

        assertThat(onChannel).isNotEmpty().isEqualTo(ofContext);
        for (String ref : onChannel) {
            JsonNode message = doc.at(ref.substring(1));
            assertThat(message.at("/bindings/kafka/key/$ref").asText()).as(ref).isEqualTo("#/components/schemas/" + keySchema);
            message.path("examples").forEach(example ->
                    assertThat(example.at("/headers/ce_source").asText()).as(ref).isEqualTo("/aftersales/" + producer));
        }
    }

    @Test
    void the_tickets_channel_carries_the_intake_events_and_the_agreed_resolution() {
        Set<String> onChannel = new TreeSet<>();
        channel(Topics.TICKETS).path("messages").forEach(m -> onChannel.add(m.path("$ref").asText()));

        assertThat(onChannel).contains("#/components/messages/TicketOpened", "#/components/messages/DefectReported",
                "#/components/messages/ResolutionAgreed");
    }

    @Test
    void every_operation_sends_exactly_the_messages_of_its_channel() {
        doc.path("operations").forEach(operation -> {
            String channelRef = operation.at("/channel/$ref").asText();
            JsonNode channel = doc.at(channelRef.substring(1));
            Set<String> onChannel = new TreeSet<>();
            channel.path("messages").fieldNames().forEachRemaining(name -> onChannel.add(channelRef + "/messages/" + name));
            Set<String> sent = new TreeSet<>();
            operation.path("messages").forEach(m -> sent.add(m.path("$ref").asText()));

            assertThat(sent).as(channelRef).isEqualTo(onChannel);
        });
    }

    @Test
    void every_quality_message_is_on_the_quality_channel_and_keyed_by_product() {
        JsonNode quality = channel(Topics.QUALITY);
        Set<String> onChannel = new TreeSet<>();
        quality.path("messages").forEach(m -> onChannel.add(m.path("$ref").asText()));

        assertThat(onChannel).containsExactlyInAnyOrder(
                "#/components/messages/ProductDelisted", "#/components/messages/ProductionAlertRaised",
                "#/components/messages/DefectAddedToIncident", "#/components/messages/ProductRelisted");
        for (String ref : onChannel) {
            JsonNode message = doc.at(ref.substring(1));
            assertThat(message.at("/bindings/kafka/key/$ref").asText()).isEqualTo("#/components/schemas/Product");
            assertThat(message.at("/headers/allOf/1/properties/ce_type/const").asText()).startsWith("aftersales.quality.");
        }
    }

    @Test
    void the_cloudevents_headers_are_required_in_binary_mode() {
        JsonNode headers = doc.at("/components/schemas/CloudEventsBinaryHeaders");
        Set<String> required = new TreeSet<>();
        headers.path("required").forEach(name -> required.add(name.asText()));

        assertThat(required).containsExactlyInAnyOrder(
                "ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject", "content-type");
        assertThat(headers.at("/properties/ce_specversion/const").asText()).isEqualTo("1.0");
        assertThat(headers.at("/properties/content-type/const").asText()).isEqualTo("application/json");
    }

    @Test
    void every_header_example_is_valid_for_its_message_and_names_the_sample_subject() throws Exception {
        doc.path("components").path("messages").forEach(message -> {
            JsonNode headerSchema = inlineLocalRefs(message.path("headers").deepCopy());
            String ceType = message.at("/headers/allOf/1/properties/ce_type/const").asText();
            JsonNode sample = Json.tree(ContractResources.sample(ceType));
            String subject = subjectOf(ceType, sample);
            assertThat(message.path("examples")).as(ceType).isNotEmpty();

            message.path("examples").forEach(example -> {
                JsonNode headers = example.path("headers");
                assertThat(Json.draft7Schema(headerSchema).validate(headers)).as(ceType).isEmpty();
                assertThat(headers.path("ce_subject").asText()).isEqualTo(subject);
            });

            ObjectNode wrongType = message.at("/examples/0/headers").deepCopy();
            wrongType.put("ce_type", "aftersales.ticket.no-such-event.v1");
            assertThat(Json.draft7Schema(headerSchema).validate(wrongType)).as(ceType).isNotEmpty();
        });
    }

    private static String subjectOf(String ceType, JsonNode sample) {
        try {
            return Json.MAPPER.treeToValue(sample, ContractResources.knownTypes().get(ceType)).subject();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(ceType, e);
        }
    }

    private JsonNode channel(String address) {
        for (JsonNode channel : doc.path("channels")) {
            if (channel.path("address").asText().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + address);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static JsonNode inlineLocalRefs(JsonNode node) {
        if (node.isObject() && node.has("$ref") && node.get("$ref").asText().startsWith("#/")) {
            return inlineLocalRefs(doc.at(node.get("$ref").asText().substring(1)).deepCopy());
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.forEach(name -> object.set(name, inlineLocalRefs(object.get(name))));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, inlineLocalRefs(node.get(i)));
            }
        }
        return node;
    }

    private static String read(String resource) {
        try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
