package io.aftersales.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersales.contracts.quality.v1.DefectAddedToIncident;
import io.aftersales.contracts.quality.v1.DefectCount;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.contracts.quality.v1.ProductionAlertRaised;
import io.aftersales.contracts.quality.v1.QualitySubjects;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quality events: one incident told by four events that agree with each other. */
class QualityEventsTest {

    private static final List<String> QUALITY_TYPES = List.of(ProductDelisted.TYPE, ProductionAlertRaised.TYPE,
            DefectAddedToIncident.TYPE, ProductRelisted.TYPE);

    @Test
    void the_quality_samples_tell_one_incident_of_one_product_batch() throws Exception {
        for (String ceType : QUALITY_TYPES) {
            JsonNode sample = Json.tree(ContractResources.sample(ceType));
            IntegrationEvent event = Json.MAPPER.treeToValue(sample, ContractResources.knownTypes().get(ceType));

            assertThat(sample.get("incidentId").asText()).as(ceType).isEqualTo("8c5e2f4a-6d1b-3c7e-9a0f-1b2d3e4f5a6b");
            assertThat(event.subject()).as(ceType).isEqualTo("JK2611/B2026-11-A");
        }
    }

    @Test
    void the_subject_is_product_and_batch_with_every_other_character_encoded() {
        assertThat(QualitySubjects.of("JK2611", "B2026-11-A")).isEqualTo("JK2611/B2026-11-A");
        assertThat(QualitySubjects.of("JK2611", null)).isEqualTo("JK2611/~");
        assertThat(QualitySubjects.of("JK/26", "~")).isEqualTo("JK%2F26/%7E");
        assertThat(QualitySubjects.of("夹克 1", "b.1_x")).isEqualTo("%E5%A4%B9%E5%85%8B%201/b.1_x");
    }

    @Test
    void an_alert_built_in_java_is_valid_as_published() {
        ProductionAlertRaised alert = new ProductionAlertRaised("i-1", "JK2611", "B1", "default",
                List.of(new DefectCount("STAIN", 3), new DefectCount("UNCLASSIFIED", 2)), 5, Instant.parse("2026-11-12T08:00:00Z"),
                Instant.parse("2026-11-12T09:00:00.5Z"), List.of("t1", "t2", "t3", "t4", "t5"), 5, "system",
                Instant.parse("2026-11-12T09:00:01.123456789Z"));

        assertThat(Json.validate(ProductionAlertRaised.TYPE, Json.MAPPER.valueToTree(alert))).isEmpty();
    }

    @Test
    void an_alert_listing_more_than_twenty_tickets_is_rejected() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode alert = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.MAPPER.readTree(ContractResources.sample(ProductionAlertRaised.TYPE));
        com.fasterxml.jackson.databind.node.ArrayNode ids = alert.putArray("ticketIds");
        for (int i = 0; i < 21; i++) {
            ids.add("t" + i);
        }

        assertThat(Json.validate(ProductionAlertRaised.TYPE, alert)).isNotEmpty();
    }

    @Test
    void a_delisting_without_skus_or_stores_is_rejected() {
        ProductDelisted delisted = new ProductDelisted("i-1", "JK2611", "B1", List.of(), List.of(), "reason", "system",
                Instant.parse("2026-11-12T09:00:01Z"));

        assertThat(Json.validate(ProductDelisted.TYPE, Json.MAPPER.valueToTree(delisted))).hasSize(2);
    }
}
