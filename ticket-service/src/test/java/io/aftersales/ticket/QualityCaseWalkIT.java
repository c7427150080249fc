package io.aftersales.ticket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TestTokens;
import io.aftersales.testing.TopicReader;
import io.aftersales.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One quality case worked from intake to closed, as an agent and a supervisor do it over HTTP, with
 * refund-service's part played by its contract sample on Kafka: every step lands in the history with
 * its actor, and an outside consumer sees every published event, each valid against its schema.
 */
class QualityCaseWalkIT extends TicketServiceIT {

    private static final String SUPERVISOR = "supervisor-wang";

    @Test
    void a_quality_ticket_is_worked_from_intake_to_closed_with_a_supervisor_approving_the_refund() {
        Map<String, Object> complaint = qualityTicket("buyer-walk-" + UUID.randomUUID(), newExternalId());
        complaint.put("signedAt", Instant.now().minus(Duration.ofDays(1)).toString());
        String ticket = open(complaint);
        WebTestClient supervisor = as(TestTokens.token(SUPERVISOR, List.of("SUPERVISOR"), List.of(STORE)));

        act(web, ticket, "claim", Map.of()).jsonPath("$.status").isEqualTo("IN_PROGRESS")
                .jsonPath("$.assignee").isEqualTo(AGENT);
        act(web, ticket, "replies", Map.of("channel", "PLATFORM_CHAT", "text", "Sorry! Could you send photos?"));
        act(web, ticket, "quality-assessment", Map.of("worn", false)).jsonPath("$.status").isEqualTo("WAITING_BUYER")
                .jsonPath("$.verification").isEqualTo("PHOTOS_REQUESTED");
        act(web, ticket, "evidence", Map.of("evidence", List.of(Map.of("kind", "PHOTO", "ref", "buyer/2.jpg"))))
                .jsonPath("$.status").isEqualTo("IN_PROGRESS");
        act(web, ticket, "quality-verification", Map.of("note", "fading visible on both photos"))
                .jsonPath("$.verification").isEqualTo("VERIFIED");
        act(web, ticket, "proposals", Map.of("kind", "PARTIAL_REFUND", "lines", List.of(Map.of("type", "GOODWILL",
                "amount", Map.of("amount", "40.00", "currency", "CNY"), "note", "keeps the jacket"))))
                .jsonPath("$.status").isEqualTo("WAITING_APPROVAL");
        // the agent cannot approve it: approval is a supervisor's
        web.post().uri("/api/v1/tickets/{id}/proposals/1/approval", ticket).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("note", "my own")).exchange().expectStatus().isForbidden();
        act(supervisor, ticket, "proposals/1/approval", Map.of("note", "loyal buyer"))
                .jsonPath("$.status").isEqualTo("WAITING_BUYER");
        act(web, ticket, "agreement", Map.of("source", "AGENT")).jsonPath("$.status").isEqualTo("RESOLUTION_AGREED");

        ObjectNode paid = TopicWriter.sample(RefundPaid.TYPE);
        paid.put("ticketId", ticket);
        paid.put("resolutionNumber", 1);
        TopicWriter.publish(Topics.REFUNDS, paid.get("refundId").asText(), RefundPaid.TYPE, "/aftersales/refund-service",
                paid);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(view(ticket).get("status")));

        act(web, ticket, "close", Map.of()).jsonPath("$.status").isEqualTo("CLOSED");
        act(web, ticket, "satisfaction", Map.of("score", 5, "comment", "quick and fair"));

        web.get().uri("/api/v1/tickets/{id}/history", ticket).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[?(@.event == 'TicketAssigned')].actor").isEqualTo(AGENT)
                .jsonPath("$[?(@.event == 'ReplyRecorded')].actor").isEqualTo(AGENT)
                .jsonPath("$[?(@.event == 'ResolutionProposed')].actor").isEqualTo(AGENT)
                .jsonPath("$[?(@.event == 'ResolutionApproved')].actor").isEqualTo(SUPERVISOR)
                .jsonPath("$[?(@.event == 'ResolutionAgreed')].actor").isEqualTo(AGENT)
                .jsonPath("$[?(@.event == 'DownstreamProgressRecorded')].actor").isEqualTo("system")
                .jsonPath("$[?(@.event == 'TicketClosed')].actor").isEqualTo(AGENT)
                .jsonPath("$[?(@.event == 'SatisfactionRecorded')].actor").isEqualTo(AGENT);

        List<String> published = List.of("opened", "defect-reported", "assigned", "replied", "resolution-proposed",
                "resolution-approved", "resolution-agreed", "resolved", "closed", "satisfaction-recorded").stream()
                .map(name -> "aftersales.ticket." + name + ".v1").toList();
        try (TopicReader reader = TopicReader.fromBeginning(Topics.TICKETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(r -> ticket.equals(r.key()),
                    published.size(), Duration.ofSeconds(30));
            assertThat(records).extracting(r -> header(r, "ce_type")).containsSubsequence(published);
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(ContractSchemas.violations(header(record, "ce_type"), record.value()))
                        .as(header(record, "ce_type")).isEmpty();
            }
        }
    }

    @Test
    void more_than_was_paid_is_refused_naming_the_limit_and_a_discount_below_sixty_percent_even_for_a_supervisor() {
        String ticket = open(qualityTicket("buyer-limit-" + UUID.randomUUID(), newExternalId()));
        WebTestClient supervisor = as(TestTokens.token(SUPERVISOR, List.of("SUPERVISOR"), List.of(STORE)));
        act(web, ticket, "claim", Map.of());
        act(web, ticket, "quality-assessment", Map.of("worn", true)).jsonPath("$.verification").isEqualTo("NEGOTIATING");
        long version = version(ticket);

        propose(web, ticket, "REFUND_ONLY", "GOODS", "300.00")
                .jsonPath("$.decision.findings[?(@.rule == 'refund-within-paid')].outcome").isEqualTo("REFUSED")
                .jsonPath("$.decision.findings[?(@.rule == 'refund-within-paid')].limit.amount").isEqualTo("259.00");
        propose(supervisor, ticket, "PARTIAL_REFUND", "GOODWILL", "150.00")
                .jsonPath("$.decision.findings[?(@.rule == 'deepest-discount')].outcome").isEqualTo("REFUSED")
                .jsonPath("$.decision.findings[?(@.rule == 'deepest-discount')].limit.amount").isEqualTo("103.60");
        assertThat(version(ticket)).as("nothing recorded").isEqualTo(version);
    }

    private WebTestClient.BodyContentSpec propose(WebTestClient caller, String ticket, String kind, String line,
                                                  String amount) {
        return caller.post().uri("/api/v1/tickets/{id}/proposals", ticket).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("kind", kind, "lines", List.of(Map.of("type", line,
                        "amount", Map.of("amount", amount, "currency", "CNY")))))
                .exchange().expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody();
    }

    /** Takes one action against the version the caller is looking at, and expects it done. */
    private WebTestClient.BodyContentSpec act(WebTestClient caller, String ticket, String action, Map<String, ?> body) {
        return caller.post().uri("/api/v1/tickets/{id}/" + action, ticket).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + version(ticket) + "\"").bodyValue(body)
                .exchange().expectStatus().isOk().expectBody();
    }

    private Map<?, ?> view(String ticket) {
        return web.get().uri("/api/v1/tickets/{id}", ticket).exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
    }

    private long version(String ticket) {
        return ((Number) view(ticket).get("version")).longValue();
    }
}
