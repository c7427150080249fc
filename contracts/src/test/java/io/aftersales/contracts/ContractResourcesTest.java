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
    void the_known_types_are_the_ticket_and_quality_events() {
        assertThat(ContractResources.knownTypes()).containsExactly(
                Map.entry("aftersales.ticket.opened.v1", TicketOpened.class),
                Map.entry("aftersales.ticket.defect-reported.v1", DefectReported.class),
                Map.entry("aftersales.quality.product-delisted.v1", ProductDelisted.class),
                Map.entry("aftersales.quality.production-alert-raised.v1", ProductionAlertRaised.class),
                Map.entry("aftersales.quality.defect-added-to-incident.v1", DefectAddedToIncident.class),
                Map.entry("aftersales.quality.product-relisted.v1", ProductRelisted.class));
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
        assertThatThrownBy(() -> ContractResources.sample("aftersales.refund.paid.v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aftersales.refund.paid.v1");
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
