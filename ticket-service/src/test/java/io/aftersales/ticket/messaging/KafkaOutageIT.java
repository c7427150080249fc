package io.aftersales.ticket.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.platform.messaging.KafkaEventRelay;
import io.aftersales.testing.TestInfrastructure;
import io.aftersales.testing.TopicReader;
import io.aftersales.ticket.TicketServiceIT;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event store is the outbox: tickets opened while Kafka is down are published once it is back. */
class KafkaOutageIT extends TicketServiceIT {

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @AfterEach
    void kafkaIsBack() {
        if (!TestInfrastructure.isKafkaRunning()) {
            TestInfrastructure.startKafka();
        }
    }

    private boolean relayIsFailing() {
        return eventProcessing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow().processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
    }

    @Test
    void tickets_opened_while_kafka_is_down_are_all_published_in_order_once_it_is_back() {
        TestInfrastructure.stopKafka();
        List<String> ticketIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, Object> body = qualityTicket("buyer-outage-" + i, newExternalId());
            if (i % 2 == 1) {
                body.put("category", "CHANGED_MIND");
                body.remove("defectType");
            }
            ticketIds.add(open(body));
        }
        int expectedEvents = 8 + 4;
        await("the relay fails to publish and keeps its position").atMost(Duration.ofSeconds(60))
                .until(this::relayIsFailing);
        TestInfrastructure.startKafka();

        try (TopicReader reader = TopicReader.fromBeginning(Topics.TICKETS)) {
            Set<String> ours = Set.copyOf(ticketIds);
            List<ConsumerRecord<String, byte[]>> records = reader.awaitDistinctEvents(
                    r -> ours.contains(r.key()), expectedEvents, Duration.ofSeconds(120));

            Map<String, List<String>> typesPerTicket = new LinkedHashMap<>();
            Map<String, String> payloadPerEventId = new LinkedHashMap<>();
            Set<String> distinctIds = new LinkedHashSet<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                String eventId = header(record, "ce_id");
                String payload = new String(record.value());
                String earlier = payloadPerEventId.putIfAbsent(eventId, payload);
                assertThat(earlier == null || earlier.equals(payload))
                        .as("a redelivered event carries the same id and the same data").isTrue();
                if (distinctIds.add(eventId)) {
                    typesPerTicket.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(header(record, "ce_type"));
                }
            }
            assertThat(distinctIds).hasSize(expectedEvents);
            for (int i = 0; i < ticketIds.size(); i++) {
                List<String> expected = i % 2 == 0 ? List.of(TicketOpened.TYPE, DefectReported.TYPE) : List.of(TicketOpened.TYPE);
                assertThat(typesPerTicket.get(ticketIds.get(i))).as("events of ticket %d in order", i)
                        .containsExactlyElementsOf(expected);
            }
        }
    }
}
