package io.aftersales.ticket.messaging;

import io.aftersales.contracts.Topics;
import io.aftersales.contracts.tickets.v1.DefectReported;
import io.aftersales.contracts.tickets.v1.TicketOpened;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.testing.TopicReader;
import io.aftersales.ticket.TicketServiceIT;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.aftersales.testing.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;

class TicketPublishingIT extends TicketServiceIT {

    @Test
    void quality_ticket_publishes_opened_and_defect_reported_as_cloud_events() {
        String ticketId = open(qualityTicket("buyer-pub-1", newExternalId()));

        try (TopicReader reader = TopicReader.fromBeginning(Topics.TICKETS)) {
            List<ConsumerRecord<String, byte[]>> records = reader.awaitRecords(
                    r -> ticketId.equals(r.key()), 2, Duration.ofSeconds(30));

            assertThat(records).extracting(r -> header(r, "ce_type"))
                    .containsExactly(TicketOpened.TYPE, DefectReported.TYPE);
            for (ConsumerRecord<String, byte[]> record : records) {
                assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
                assertThat(header(record, "ce_id")).isNotBlank();
                assertThat(header(record, "ce_source")).isEqualTo("/aftersales/ticket-service");
                assertThat(Instant.parse(header(record, "ce_time"))).isBefore(Instant.now().plusSeconds(1));
                assertThat(header(record, "ce_subject")).isEqualTo(ticketId);
                assertThat(header(record, "content-type")).isEqualTo("application/json");
                assertThat(ContractSchemas.violations(header(record, "ce_type"), record.value())).isEmpty();
            }
            assertThat(header(records.get(0), "ce_id")).isNotEqualTo(header(records.get(1), "ce_id"));
        }
    }
}
