package io.aftersales.logistics.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.claims.v1.ClaimOpened;
import io.aftersales.contracts.claims.v1.ReshipmentShipped;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.logistics.LogisticsServiceIT;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TopicReader;
import io.aftersales.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A LOGISTICS ticket from intake to the courier's payment, as the other services and the warehouse see it. */
class ClaimFlowIT extends LogisticsServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKETS_SOURCE = "/aftersales/ticket-service";

    @Test
    @SuppressWarnings("unchecked")
    void a_lost_parcel_ticket_is_reshipped_first_then_claimed_and_compensated_and_the_month_reconciles() throws Exception {
        String ticketId = UUID.randomUUID().toString();
        String claimId = "claim-" + ticketId;
        ObjectNode ticket = TopicWriter.sample(TicketOpened.TYPE);
        ticket.put("ticketId", ticketId).put("storeId", store).put("category", "LOGISTICS")
                .put("sku", "JK2611-RED-M").set("defectType", NullNode.getInstance());

        TopicWriter.publish(Topics.TICKETS, ticketId, TicketOpened.TYPE, TICKETS_SOURCE, ticket);
        // the same ticket again under another ce_id (the ticket-service's relay retried): still one claim, one hold
        TopicWriter.publish(Topics.TICKETS, ticketId, TicketOpened.TYPE, TICKETS_SOURCE, ticket);

        Map<String, Object> opened = awaitClaim(claimId, claim -> !((List<?>) claim.get("reshipments")).isEmpty());
        assertThat(opened.get("status")).isEqualTo("RESHIPMENT_ORDERED");
        assertThat(opened.get("kind")).isEqualTo("LOST");
        Map<String, Object> reshipment = ((List<Map<String, Object>>) opened.get("reshipments")).get(0);
        assertThat(reshipment).containsEntry("stock", "HELD").containsEntry("sku", "JK2611-RED-M");
        // a redelivery may ask again, always under the same requestNo, on which the warehouse is idempotent
        assertThat(stockHolds(store)).extracting(hold -> hold.path("requestNo").asText() + " "
                + hold.path("reason").asText()).containsOnly(claimId + "-reshipment-1 RESHIPMENT");

        ObjectNode agreed = TopicWriter.sample(ResolutionAgreed.TYPE);
        agreed.put("ticketId", ticketId).put("storeId", store).put("kind", "RESHIP").put("resolutionNumber", 1)
                .put("sku", "JK2611-RED-M");
        TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE, TICKETS_SOURCE, agreed);
        awaitClaim(claimId, claim -> Integer.valueOf(1).equals(
                ((List<Map<String, Object>>) claim.get("reshipments")).get(0).get("resolutionNumber")));
        assertThat(stockHolds(store)).extracting(hold -> hold.path("requestNo").asText())
                .containsOnly(claimId + "-reshipment-1");

        as("WAREHOUSE", store).post().uri("/api/v1/claims/{id}/reshipment/shipped", claimId)
                .bodyValue(Map.of("courier", "SF", "trackingNumber", "SF1428375920144"))
                .exchange().expectStatus().isOk();
        act(claimId, "filing", Map.of("courier", "ZTO", "claimNumber", "ZTO-CL-1", "amountClaimed", cny("259.00")));
        act(claimId, "acceptance", Map.of("amountAccepted", cny("240.00")));
        Map<String, Object> paid = act(claimId, "compensation", Map.of("amountReceived", cny("240.00")));
        assertThat(paid.get("status")).isEqualTo("COMPENSATED");
        assertThat((List<Map<String, Object>>) paid.get("history")).extracting(h -> h.get("event") + " by " + h.get("actor"))
                .containsExactly("OPENED by system", "RESHIPMENT_ORDERED by system", "RESHIPMENT_LINKED by system",
                        "RESHIPMENT_SHIPPED by warehouse-1", "FILED by logistics-1", "ACCEPTED by logistics-1",
                        "COMPENSATED by logistics-1");

        String month = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);
        logistics.get().uri("/api/v1/registers/reconciliation?month={m}&courier=ZTO", month).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].courier").isEqualTo("ZTO")
                .jsonPath("$[0].claims").isEqualTo(1)
                .jsonPath("$[0].claimed").isEqualTo(259.00)
                .jsonPath("$[0].accepted").isEqualTo(240.00)
                .jsonPath("$[0].received").isEqualTo(240.00)
                .jsonPath("$[0].outstanding").isEqualTo(0)
                .jsonPath("$[0].oldestOpen").doesNotExist();

        try (TopicReader reader = TopicReader.fromBeginning(Topics.CLAIMS)) {
            List<ConsumerRecord<String, byte[]>> published = reader.awaitRecords(r -> claimId.equals(r.key())
                    && List.of(ClaimOpened.TYPE, ReshipmentShipped.TYPE).contains(TopicReader.header(r, "ce_type")),
                    2, Duration.ofSeconds(30));
            assertThat(published).extracting(r -> TopicReader.header(r, "ce_type"))
                    .containsExactly(ClaimOpened.TYPE, ReshipmentShipped.TYPE);
            for (ConsumerRecord<String, byte[]> record : published) {
                assertThat(ContractSchemas.violations(TopicReader.header(record, "ce_type"), record.value())).isEmpty();
                JsonNode data = JSON.readTree(record.value());
                assertThat(data.path("ticketId").asText()).isEqualTo(ticketId);
            }
            assertThat(JSON.readTree(published.get(1).value()).path("resolutionNumber").asInt()).isEqualTo(1);
            assertThat(JSON.readTree(published.get(0).value()).path("courier").asText()).isEqualTo("UNKNOWN");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitClaim(String claimId, java.util.function.Predicate<Map<String, Object>> until) {
        Map<String, Object>[] seen = new Map[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var result = logistics.get().uri("/api/v1/claims/{id}", claimId).exchange()
                    .returnResult(Map.class);
            if (result.getStatus() != HttpStatus.OK) {
                return false;
            }
            seen[0] = result.getResponseBody().blockFirst();
            return seen[0] != null && until.test(seen[0]);
        });
        return seen[0];
    }
}
