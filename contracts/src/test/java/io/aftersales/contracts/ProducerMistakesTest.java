package io.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.contracts.tickets.v1.ResolutionProposed;
import io.aftersales.contracts.tickets.v1.SatisfactionRecorded;
import io.aftersales.contracts.tickets.v1.TicketClosed;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.contracts.tickets.v1.TicketReplied;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a producer could get wrong is rejected by the schemas, so producer tests catch it. */
class ProducerMistakesTest {

    private static final String OPENED = TicketOpened.TYPE;

    private static ObjectNode openedSample() {
        return (ObjectNode) Json.tree(ContractResources.sample(OPENED));
    }

    @Test
    void a_ticket_opened_in_java_with_optional_fields_null_is_valid_as_published() {
        TicketOpened opened = new TicketOpened("t-1", "tmall-hz-outdoor-flagship", "TMALL", "3912847561203948571",
                null, "tb_buyer_7741", false, "JK2611-NAVY-L", null, null, 2,
                new Money(new BigDecimal("518.00").toPlainString(), "CNY"), null, "CHANGED_MIND", null, null,
                List.of(), "agent-0042", Instant.parse("2026-11-12T08:30:00.123456789Z"));

        assertThat(Json.validate(OPENED, Json.MAPPER.valueToTree(opened))).isEmpty();
    }

    @ParameterizedTest(name = "{0} events: subject = {1}")
    @org.junit.jupiter.params.provider.CsvSource({"ticket, ticketId", "refund, refundId", "claim, claimId"})
    void every_event_has_its_aggregate_id_as_subject(String context, String idField) throws Exception {
        List<String> ofContext = ContractResources.knownTypes().keySet().stream()
                .filter(ceType -> ceType.startsWith("aftersales." + context + ".")).toList();

        assertThat(ofContext).isNotEmpty();
        for (String ceType : ofContext) {
            JsonNode sample = Json.tree(ContractResources.sample(ceType));
            IntegrationEvent event = Json.MAPPER.treeToValue(sample, ContractResources.knownTypes().get(ceType));

            assertThat(event.subject()).as(ceType).isEqualTo(sample.get(idField).asText());
        }
    }

    @Test
    void a_satisfaction_score_outside_one_to_five_is_rejected() {
        ObjectNode recorded = (ObjectNode) Json.tree(ContractResources.sample(SatisfactionRecorded.TYPE));
        recorded.put("score", 6);
        ObjectNode closed = (ObjectNode) Json.tree(ContractResources.sample(TicketClosed.TYPE));
        closed.put("satisfaction", 0);

        assertThat(Json.validate(SatisfactionRecorded.TYPE, recorded)).isNotEmpty();
        assertThat(Json.validate(TicketClosed.TYPE, closed)).isNotEmpty();
    }

    @Test
    void a_compensation_line_with_money_as_a_number_or_an_unknown_type_is_rejected() {
        ObjectNode asNumber = (ObjectNode) Json.tree(ContractResources.sample(ResolutionAgreed.TYPE));
        ((ObjectNode) asNumber.get("lines").get(0).get("amount")).put("amount", new BigDecimal("259.00"));
        ObjectNode unknownType = (ObjectNode) Json.tree(ContractResources.sample(ResolutionAgreed.TYPE));
        ((ObjectNode) unknownType.get("lines").get(0)).put("type", "COUPON");

        assertThat(Json.validate(ResolutionAgreed.TYPE, asNumber)).isNotEmpty();
        assertThat(Json.validate(ResolutionAgreed.TYPE, unknownType)).isNotEmpty();
    }

    @Test
    void a_policy_finding_without_its_explanation_is_rejected() {
        ObjectNode proposed = (ObjectNode) Json.tree(ContractResources.sample(ResolutionProposed.TYPE));
        ((ObjectNode) proposed.get("decision").get("findings").get(0)).remove("explanation");

        assertThat(Json.validate(ResolutionProposed.TYPE, proposed)).isNotEmpty();
    }

    @Test
    void the_reply_event_carries_no_reply_text() {
        JsonNode schema = Json.tree(ContractResources.schema(TicketReplied.TYPE));

        assertThat(schema.get("properties").has("text")).isFalse();
        assertThat(schema.get("properties").has("channel")).isTrue();
    }

    @Test
    void the_defect_report_sample_counts_against_the_style_code() {
        JsonNode sample = Json.tree(ContractResources.sample(DefectReported.TYPE));

        assertThat(sample.get("product")).isEqualTo(sample.get("styleCode"));
        assertThat(sample.get("batch").asText()).isEqualTo("B2026-11-A");
        assertThat(sample.get("defectType").asText()).isEqualTo("COLOUR_FADING");
    }

    @Test
    void instants_written_as_epoch_numbers_are_rejected() {
        ObjectMapper timestamps = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        TicketOpened opened = Json.MAPPER.convertValue(openedSample(), TicketOpened.class);

        assertThat(Json.validate(OPENED, timestamps.valueToTree(opened))).isNotEmpty();
    }

    @ParameterizedTest(name = "openedAt = {0}")
    @ValueSource(strings = {"2026-11-12T16:30:00+08:00", "2026-11-12 08:30:00", "2026-11-12", "2026-13-12T08:30:00Z"})
    void times_not_in_utc_iso_8601_are_rejected(String time) {
        ObjectNode payload = openedSample();
        payload.put("openedAt", time);

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }

    @Test
    void money_as_a_json_number_is_rejected() {
        ObjectNode payload = openedSample();
        ((ObjectNode) payload.get("paidAmount")).put("amount", new BigDecimal("259.00"));

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "amount = {0}")
    @ValueSource(strings = {"", "12,50", "-1.00", "1e3", ".5", "12.", "¥12.50"})
    void amounts_that_are_not_plain_decimal_strings_are_rejected(String amount) {
        ObjectNode payload = openedSample();
        ((ObjectNode) payload.get("paidAmount")).put("amount", amount);

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "currency = {0}")
    @ValueSource(strings = {"cny", "RMB¥", "YUAN", ""})
    void currencies_that_are_not_three_letter_codes_are_rejected(String currency) {
        ObjectNode payload = openedSample();
        ((ObjectNode) payload.get("paidAmount")).put("currency", currency);

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "platform, KUAISHOU",
            "platform, tmall",
            "category, DEFECT",
            "responsibility, PLATFORM",
            "quantity, 0"})
    void values_outside_the_closed_lists_are_rejected(String field, String value) {
        ObjectNode payload = openedSample();
        if (field.equals("quantity")) {
            payload.put(field, Integer.parseInt(value));
        } else {
            payload.put(field, value);
        }

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }

    @Test
    void evidence_without_a_reference_is_rejected() {
        ObjectNode payload = openedSample();
        ((ObjectNode) payload.get("evidence").get(0)).remove("ref");

        assertThat(Json.validate(OPENED, payload)).isNotEmpty();
    }
}
