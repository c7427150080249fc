package io.aftersales.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.contracts.tickets.v1.ResolutionAgreed;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.refund.api.RefundIds;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TopicReader;
import io.aftersales.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import com.mongodb.client.MongoDatabase;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A ticket's agreed return-and-refund, from the ticket topic to the platform's payout and refund.paid. */
class RefundFlowIT extends RefundServiceIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private MongoDatabase serviceDatabase;

    @Test
    void a_ticket_event_that_moves_no_refund_is_skipped_without_an_inbox_write() throws Exception {
        String ticketId = "ticket-" + UUID.randomUUID();
        ObjectNode opened = TopicWriter.sample(TicketOpened.TYPE);
        opened.put("ticketId", ticketId).put("storeId", STORE);
        ObjectNode agreed = TopicWriter.sample(ResolutionAgreed.TYPE);
        agreed.put("ticketId", ticketId).put("storeId", STORE).put("batchDefectFastTrack", false)
                .put("orderId", "order-" + UUID.randomUUID());
        ((com.fasterxml.jackson.databind.node.ArrayNode) agreed.get("lines")).remove(2);

        // one key, one partition: the opening is consumed before the agreement
        String openedId = TopicWriter.publish(Topics.TICKETS, ticketId, TicketOpened.TYPE, "/aftersales/ticket-service", opened);
        String agreedId = TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE, "/aftersales/ticket-service", agreed);
        await().atMost(Duration.ofSeconds(30)).until(() -> find(RefundIds.forResolution(ticketId, 1)), r -> r != null);

        await().atMost(Duration.ofSeconds(10)).until(() -> inboxed(agreedId));
        assertThat(inboxed(openedId)).as("an event no refund acts on costs no inbox write").isFalse();
    }

    private boolean inboxed(String eventId) {
        return serviceDatabase.getCollection("inbox").countDocuments(new org.bson.Document("_id", "refund-service.resolutions/" + eventId)) > 0;
    }

    @Test
    void an_agreed_return_is_shipped_received_checked_paid_once_through_the_platform_and_published_as_paid()
            throws Exception {
        String ticketId = "ticket-" + UUID.randomUUID();
        ObjectNode agreed = TopicWriter.sample(ResolutionAgreed.TYPE);
        agreed.put("ticketId", ticketId).put("storeId", STORE).put("batchDefectFastTrack", false)
                .put("orderId", "order-" + UUID.randomUUID());
        // the sample's 20.00 goodwill would take the 259.00 order line over what was paid: the ledger refuses it
        ((com.fasterxml.jackson.databind.node.ArrayNode) agreed.get("lines")).remove(2);
        agreed.putObject("refundAmount").put("amount", "271.00").put("currency", "CNY");
        String refundId = RefundIds.forResolution(ticketId, 1);
        try (TopicReader refunds = TopicReader.fromBeginning(Topics.REFUNDS)) {
            TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE, "/aftersales/ticket-service", agreed);
            // a second event with the same business key (another ce_id) changes nothing
            TopicWriter.publish(Topics.TICKETS, ticketId, ResolutionAgreed.TYPE, "/aftersales/ticket-service", agreed);

            JsonNode opened = await().atMost(Duration.ofSeconds(30)).until(() -> find(refundId), r -> r != null);
            assertThat(opened.at("/refund/status").asText()).isEqualTo("REQUESTED");
            assertThat(new java.math.BigDecimal(opened.at("/refund/total/amount").asText())).isEqualByComparingTo("271.00");

            JsonNode view = act(agent(), refundId, "agree", null, opened);
            assertThat(view.at("/refund/status").asText()).isEqualTo("WAITING_RETURN");
            assertThat(new java.math.BigDecimal(view.at("/orderLineLedger/refunded/amount").asText())).isEqualByComparingTo("259.00");
            view = act(agent(), refundId, "return-shipped", Map.of("courier", "SF", "trackingNumber", "SF1402938475612"),
                    view);
            assertThat(view.at("/refund/status").asText()).isEqualTo("RETURN_IN_TRANSIT");
            view = act(warehouse(), refundId, "receive", Map.of("warehouseId", "HZ-3"), view);
            assertThat(view.at("/refund/status").asText()).isEqualTo("RECEIVED");
            view = act(warehouse(), refundId, "qc", Map.of("passed", true, "disposition", "RESTOCK"), view);

            await().atMost(Duration.ofSeconds(30)).until(() -> find(refundId).at("/refund/status").asText(),
                    "PAID"::equals);
            List<ConsumerRecord<String, byte[]>> paid = refunds.awaitRecords(record -> refundId.equals(record.key())
                    && RefundPaid.TYPE.equals(TopicReader.header(record, "ce_type")), 1, Duration.ofSeconds(30));
            assertThat(ContractSchemas.violations(RefundPaid.TYPE, paid.get(0).value())).isEmpty();
            JsonNode payload = JSON.readTree(paid.get(0).value());
            assertThat(payload.path("ticketId").asText()).isEqualTo(ticketId);
            assertThat(payload.at("/amount/amount").asText()).isEqualTo("271.00");
            assertThat(payload.path("paidByPlatform").asBoolean()).isFalse();
        }
        JsonNode ledger = payouts(refundId);
        assertThat(ledger).hasSize(1);
        assertThat(ledger.get(0).path("requests").asInt()).isEqualTo(1);
        assertThat(ledger.get(0).at("/amount/amount").asText()).isEqualTo("271.00");
        assertThat(ledger.get(0).path("status").asText()).isEqualTo("PAID");
        JsonNode history = find(refundId).at("/refund/history");
        assertThat(history.findValuesAsText("event")).containsSubsequence("REQUESTED", "AGREED", "RETURN_SHIPPED",
                "GOODS_RECEIVED", "QC_PASSED", "APPROVED", "PAYOUT_REQUESTED", "PAID");
        assertThat(history.get(1).path("actor").asText()).isEqualTo("agent-7");
        assertThat(history.get(3).path("actor").asText()).isEqualTo("wh-hz-017");
    }

    private JsonNode find(String refundId) {
        byte[] body = agent().get().uri("/api/v1/refunds/{id}", refundId).exchange().returnResult(byte[].class)
                .getResponseBodyContent();
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node != null && node.has("refund") ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static JsonNode act(WebTestClient client, String refundId, String action, Object body, JsonNode current) {
        WebTestClient.RequestBodySpec request = client.post().uri("/api/v1/refunds/{id}/" + action, refundId)
                .header("If-Match", "\"" + current.at("/refund/version").asLong() + "\"");
        WebTestClient.RequestHeadersSpec<?> spec = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return spec.exchange().expectStatus().isEqualTo(HttpStatus.OK).expectBody(JsonNode.class).returnResult()
                .getResponseBody();
    }
}
