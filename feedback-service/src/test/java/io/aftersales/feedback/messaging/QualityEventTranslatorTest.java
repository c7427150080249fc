package io.aftersales.feedback.messaging;

import io.aftersales.contracts.ContractResources;
import io.aftersales.contracts.quality.v1.QualitySubjects;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.DefectReport;
import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.platform.messaging.IntegrationJson;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.testing.ContractSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every domain event feedback-service publishes leaves as its contract says, keyed by product. */
class QualityEventTranslatorTest {

    private static final Instant AT = Instant.parse("2026-11-13T02:15:09.412Z");
    private final QualityEventTranslator translator = new QualityEventTranslator();

    @Test
    void each_incident_event_is_published_schema_valid_and_keyed_by_product() throws Exception {
        DefectReport r1 = new DefectReport("t1", "b1", "tmall-flagship", "JK2611-RED-M", "QUALITY", "COLOUR_FADING", AT);
        DefectReport r2 = new DefectReport("t2", "b2", "jd-outdoor", "JK2611-NAVY-L", "QUALITY", null, AT.plusSeconds(1));
        List<Object> events = List.of(
                new ProductDelisted("JK2611/B1", "inc", "JK2611", "B1", List.of("JK2611-NAVY-L"), List.of("jd-outdoor"),
                        "default", "5 distinct buyers", "t5", AT, "system", AT),
                new ProductionAlertRaised("JK2611/B1", "inc", "JK2611", "B1", "default", List.of(r1, r2), "system", AT),
                new DefectAddedToIncident("JK2611/B1", "inc", "JK2611", "B1", r2, 6, 7, "system", AT),
                new ProductRelisted("JK2611/B1", "inc", "JK2611", "B1", "ok", "qa-lin", AT));

        for (Object event : events) {
            OutgoingEvent outgoing = translator.translate(event).orElseThrow();
            byte[] json = IntegrationJson.mapper().writeValueAsBytes(outgoing.data());
            assertThat(outgoing.key()).isEqualTo("JK2611");
            assertThat(ContractResources.knownTypes()).containsKey(outgoing.type());
            assertThat(ContractSchemas.violations(outgoing.type(), json)).as(outgoing.type()).isEmpty();
        }
        var alert = (io.aftersales.contracts.quality.v1.ProductionAlertRaised) translator.translate(events.get(1))
                .orElseThrow().data();
        assertThat(alert.countsByDefectType()).extracting(c -> c.defectType() + "=" + c.reports())
                .containsExactly("COLOUR_FADING=1", "UNCLASSIFIED=1");
        assertThat(alert.firstReportedAt()).isEqualTo(AT);
        assertThat(alert.lastReportedAt()).isEqualTo(AT.plusSeconds(1));
    }

    @Test
    void a_big_alert_carries_at_most_twenty_ticket_ids_and_the_total() throws Exception {
        List<DefectReport> evidence = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            evidence.add(new DefectReport("t" + i, "b" + i, "tmall-flagship", "JK2611-RED-M", "QUALITY",
                    i % 2 == 0 ? "COLOUR_FADING" : "STAIN", AT.plusSeconds(i)));
        }

        OutgoingEvent outgoing = translator.translate(new ProductionAlertRaised("JK2611/B1", "inc", "JK2611", "B1",
                "default", evidence, "system", AT)).orElseThrow();

        var alert = (io.aftersales.contracts.quality.v1.ProductionAlertRaised) outgoing.data();
        assertThat(alert.ticketIds()).hasSize(io.aftersales.contracts.quality.v1.ProductionAlertRaised.MAX_TICKET_IDS)
                .startsWith("t0", "t1", "t2");
        assertThat(alert.ticketCount()).isEqualTo(500);
        assertThat(alert.distinctBuyers()).isEqualTo(500);
        assertThat(alert.countsByDefectType()).extracting(c -> c.defectType() + "=" + c.reports())
                .containsExactly("COLOUR_FADING=250", "STAIN=250");
        byte[] json = IntegrationJson.mapper().writeValueAsBytes(outgoing.data());
        assertThat(json.length).isLessThan(4_096);
        assertThat(ContractSchemas.violations(outgoing.type(), json)).isEmpty();
    }

    @Test
    void counted_reports_stay_internal() {
        assertThat(translator.translate(new DefectReportCounted("JK2611/B1", "JK2611", "B1", "t1", "b1", "s", "TMALL",
                "sku", "QUALITY", null, AT, false, "system", AT))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"JK2611,B2026-11-A", "JK/26 夹克,~x", "JK2611,"})
    void the_aggregate_id_is_the_published_subject(String product, String batch) {
        assertThat(ProductBatchIds.of(product, batch)).isEqualTo(QualitySubjects.of(product, batch));
    }
}
