package io.aftersales.contracts;

import io.aftersales.contracts.quality.v1.DefectAddedToIncident;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.contracts.quality.v1.ProductionAlertRaised;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractResourcesTest {

    @Test
    void the_known_types_are_the_ticket_quality_refund_and_claim_events_in_a_stable_order() {
        assertThat(ContractResources.knownTypes().keySet()).containsExactly(
                "aftersales.ticket.opened.v1",
                "aftersales.ticket.defect-reported.v1",
                "aftersales.ticket.assigned.v1",
                "aftersales.ticket.replied.v1",
                "aftersales.ticket.escalated.v1",
                "aftersales.ticket.resolution-proposed.v1",
                "aftersales.ticket.resolution-approved.v1",
                "aftersales.ticket.resolution-rejected.v1",
                "aftersales.ticket.resolution-agreed.v1",
                "aftersales.ticket.transaction-extension-requested.v1",
                "aftersales.ticket.resolved.v1",
                "aftersales.ticket.closed.v1",
                "aftersales.ticket.satisfaction-recorded.v1",
                "aftersales.ticket.reopened.v1",
                "aftersales.ticket.cancelled.v1",
                "aftersales.ticket.sla-warning.v1",
                "aftersales.ticket.sla-breached.v1",
                "aftersales.quality.product-delisted.v1",
                "aftersales.quality.production-alert-raised.v1",
                "aftersales.quality.defect-added-to-incident.v1",
                "aftersales.quality.product-relisted.v1",
                "aftersales.refund.requested.v1",
                "aftersales.refund.agreed.v1",
                "aftersales.refund.refused.v1",
                "aftersales.refund.cancelled.v1",
                "aftersales.refund.return-shipped.v1",
                "aftersales.refund.goods-received.v1",
                "aftersales.refund.qc-passed.v1",
                "aftersales.refund.qc-failed.v1",
                "aftersales.refund.approved.v1",
                "aftersales.refund.paid.v1",
                "aftersales.refund.closed.v1",
                "aftersales.claim.opened.v1",
                "aftersales.claim.reshipment-shipped.v1",
                "aftersales.claim.reshipment-ordered.v1",
                "aftersales.claim.filed.v1",
                "aftersales.claim.accepted.v1",
                "aftersales.claim.rejected.v1",
                "aftersales.claim.compensated.v1",
                "aftersales.claim.written-off.v1",
                "aftersales.claim.wrong-shipment-registered.v1");
        assertThat(ContractResources.knownTypes()).contains(
                Map.entry("aftersales.ticket.opened.v1", TicketOpened.class),
                Map.entry("aftersales.ticket.defect-reported.v1", DefectReported.class),
                Map.entry("aftersales.quality.product-delisted.v1", ProductDelisted.class),
                Map.entry("aftersales.quality.production-alert-raised.v1", ProductionAlertRaised.class),
                Map.entry("aftersales.quality.defect-added-to-incident.v1", DefectAddedToIncident.class),
                Map.entry("aftersales.quality.product-relisted.v1", ProductRelisted.class));
    }

    @Test
    void every_known_type_lives_in_the_package_of_its_context() {
        Map<String, String> packages = Map.of("ticket", "tickets", "quality", "quality", "refund", "refunds",
                "claim", "claims");
        ContractResources.knownTypes().forEach((ceType, type) -> {
            String context = ceType.split("\\.")[1];
            assertThat(type.getPackageName()).as(ceType)
                    .isEqualTo("io.aftersales.contracts." + packages.get(context) + ".v1");
        });
    }

    @Test
    void every_known_type_is_the_type_constant_of_its_record() throws Exception {
        for (Map.Entry<String, Class<? extends IntegrationEvent>> known : ContractResources.knownTypes().entrySet()) {
            assertThat(known.getValue().isRecord()).as(known.getKey()).isTrue();
            assertThat(known.getValue().getField("TYPE").get(null)).isEqualTo(known.getKey());
        }
    }

    @Test
    void every_known_type_has_a_schema_and_a_sample() {
        ContractResources.knownTypes().keySet().forEach(ceType -> {
            assertThat(ContractResources.schema(ceType)).as("schema of %s", ceType).isNotBlank();
            assertThat(ContractResources.sample(ceType)).as("sample of %s", ceType).isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}/")
    @ValueSource(strings = {"schemas", "samples"})
    void there_is_no_schema_or_sample_for_a_type_that_is_not_known(String folder) throws Exception {
        assertThat(typesIn(folder)).isEqualTo(ContractResources.knownTypes().keySet());
    }

    @Test
    void the_known_types_cannot_be_changed_by_a_caller() {
        assertThatThrownBy(() -> ContractResources.knownTypes().put("aftersales.x.y.v1", TicketOpened.class))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void an_unknown_type_is_reported_by_name() {
        assertThatThrownBy(() -> ContractResources.sample("aftersales.refund.sla-breached.v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aftersales.refund.sla-breached.v1");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"../asyncapi", "aftersales.ticket.opened", "ticket.opened.v1", "AFTERSALES.TICKET.OPENED.V1", " "})
    void something_that_is_not_a_ce_type_is_refused(String notAType) {
        assertThatThrownBy(() -> ContractResources.schema(notAType)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> typesIn(String folder) throws URISyntaxException, java.io.IOException {
        Path dir = Path.of(ContractResources.class.getClassLoader().getResource(folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(Collectors.toSet());
        }
    }
}
