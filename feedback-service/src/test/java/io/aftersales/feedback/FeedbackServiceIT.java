package io.aftersales.feedback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.ContractResources;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.platform.messaging.CloudEventHeaders;
import io.aftersales.platform.messaging.IntegrationJson;
import io.aftersales.testing.InfrastructureIntegrationTest;
import io.aftersales.testing.TestTokens;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * feedback-service on real infrastructure (Testcontainers or the embedded servers). One fixed
 * configuration so that every integration test class shares a single application context. The
 * tests share its database too: each uses products of its own ({@link #newProduct}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "spring.data.mongodb.database=aftersales_feedback_it",
        "aftersales.messaging.partitions=3"})
@Import(FeedbackServiceIT.TicketTopic.class)
public abstract class FeedbackServiceIT extends InfrastructureIntegrationTest {

    protected static final String QA_USER = "qa-lin";

    @Autowired
    protected WebTestClient anonymous;

    @Autowired
    protected KafkaTemplate<String, byte[]> kafka;

    /** Calls as {@link #QA_USER}, of the QA team. */
    protected WebTestClient web;

    @BeforeEach
    void authenticateAsQa() {
        web = as(TestTokens.token(QA_USER, List.of("QA"), List.of("*")));
    }

    protected WebTestClient as(String token) {
        return anonymous.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    /** ticket-service owns the topic; in these tests nobody else creates it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class TicketTopic {

        @Bean
        NewTopic ticketsTopic() {
            return new NewTopic(Topics.TICKETS, 3, (short) 1);
        }
    }

    protected static String newProduct(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** The producer's sample defect report, with this ticket, buyer, store, product, batch and time. */
    protected static byte[] defectReport(String ticketId, String buyerId, String storeId, String product, String batch,
                                         String defectType, Instant reportedAt) {
        try {
            ObjectNode json = (ObjectNode) IntegrationJson.mapper().readTree(ContractResources.sample(DefectReported.TYPE));
            json.put("ticketId", ticketId);
            json.put("buyerId", buyerId);
            json.put("storeId", storeId);
            json.put("styleCode", product);
            json.put("product", product);
            json.put("sku", product + "-NAVY-L");
            if (batch == null) {
                json.putNull("batch");
            } else {
                json.put("batch", batch);
            }
            json.put("defectType", defectType);
            json.put("reportedAt", reportedAt.toString());
            return IntegrationJson.mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a defect report as ticket-service does: a CloudEvent keyed by ticket id. */
    protected CompletableFuture<?> publish(String eventId, String ticketId, byte[] payload) {
        return publish(eventId, ticketId, DefectReported.TYPE, payload);
    }

    protected CompletableFuture<?> publish(String eventId, String key, String ceType, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKETS, key, payload);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.SOURCE, "/aftersales/ticket-service");
        header(record, CloudEventHeaders.TYPE, ceType);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SUBJECT, key);
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return kafka.send(record);
    }

    /** A new defect report event for a new ticket; returns the ticket id. */
    protected String report(String buyerId, String storeId, String product, String batch, String defectType,
                            Instant reportedAt) {
        String ticketId = UUID.randomUUID().toString();
        publish(UUID.randomUUID().toString(), ticketId,
                defectReport(ticketId, buyerId, storeId, product, batch, defectType, reportedAt)).join();
        return ticketId;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
