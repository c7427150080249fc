package io.aftersales.ticket.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.contracts.quality.v1.ProductRelisted;
import io.aftersales.testing.TopicWriter;
import io.aftersales.ticket.TicketServiceIT;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** feedback-service's delisting reaches the tickets of that product and batch (fed its published sample). */
class BatchDefectConfirmationIT extends TicketServiceIT {

    @Test
    void a_delisting_marks_open_tickets_of_that_batch_once_and_later_intakes_until_relisted() {
        String style = "ST-" + UUID.randomUUID().toString().substring(0, 8);
        String first = open(onBatch(style, "B1", "buyer-1"));
        String second = open(onBatch(style, "B1", "buyer-2"));
        String otherBatch = open(onBatch(style, "B2", "buyer-3"));
        String incidentId = UUID.randomUUID().toString();
        awaitListed(first, second, otherBatch);

        ObjectNode delisted = sample(ProductDelisted.TYPE, style, "B1", incidentId);
        String eventId = UUID.randomUUID().toString();
        publish(eventId, ProductDelisted.TYPE, delisted);
        publish(eventId, ProductDelisted.TYPE, delisted);

        for (String ticket : new String[]{first, second}) {
            await().atMost(Duration.ofSeconds(30)).until(() -> incidentOf(ticket) != null);
            assertThat(incidentOf(ticket)).isEqualTo(incidentId);
            web.get().uri("/api/v1/tickets/{id}/history", ticket).exchange()
                    .expectBody()
                    .jsonPath("$[?(@.event == 'BatchDefectConfirmed')]").value(list ->
                            assertThat((java.util.List<?>) list).hasSize(1))
                    .jsonPath("$[?(@.event == 'BatchDefectConfirmed')].actor").isEqualTo("system");
        }
        String later = open(onBatch(style, "B1", "buyer-4"));
        assertThat(incidentOf(later)).as("a ticket opened on the batch after the delisting").isEqualTo(incidentId);
        assertThat(incidentOf(otherBatch)).isNull();

        publish(UUID.randomUUID().toString(), ProductRelisted.TYPE, sample(ProductRelisted.TYPE, style, "B1", incidentId));
        await().atMost(Duration.ofSeconds(30)).until(() -> incidentOf(open(onBatch(style, "B1", "buyer-" + UUID.randomUUID()))) == null);
    }

    private Map<String, Object> onBatch(String style, String batch, String buyer) {
        Map<String, Object> body = qualityTicket(buyer, newExternalId());
        body.put("styleCode", style);
        body.put("batch", batch);
        return body;
    }

    private String incidentOf(String ticketId) {
        Map<?, ?> ticket = web.get().uri("/api/v1/tickets/{id}", ticketId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        Object batchDefect = ticket.get("batchDefect");
        return batchDefect == null ? null : ((Map<?, ?>) batchDefect).get("incidentId").toString();
    }

    private void awaitListed(String... ticketIds) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String list = web.get().uri("/api/v1/tickets?size=200").exchange().expectBody(String.class)
                    .returnResult().getResponseBody();
            return java.util.Arrays.stream(ticketIds).allMatch(list::contains);
        });
    }

    private static ObjectNode sample(String type, String product, String batch, String incidentId) {
        ObjectNode event = TopicWriter.sample(type);
        event.put("product", product);
        event.put("batch", batch);
        event.put("incidentId", incidentId);
        return event;
    }

    private static void publish(String eventId, String type, ObjectNode data) {
        TopicWriter.publish(Topics.QUALITY, data.get("product").asText(), type, eventId, "/aftersales/feedback-service",
                data);
    }
}
