package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * The buyer's satisfaction score from the survey sent at close. The buyer's comment stays inside ticket-service.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code recordedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.satisfaction-recorded.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param score 1 (very unhappy) to 5 (very happy)
 * @param recordedBy the actor: {@code system} for the survey, or an agent
 * @param recordedAt when (also {@code ce_time})
 */
public record SatisfactionRecorded(
        String ticketId,
        String storeId,
        int score,
        String recordedBy,
        Instant recordedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.satisfaction-recorded.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
