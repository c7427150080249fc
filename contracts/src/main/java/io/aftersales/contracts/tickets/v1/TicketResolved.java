package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * Every part of the agreed resolution is done (refund paid, return received, replacement shipped,
 * claim opened, as it required).
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code resolvedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.resolved.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param resolutionNumber the resolution carried out
 * @param kind its kind, as in {@link ResolutionProposed}
 * @param resolvedAt when (also {@code ce_time})
 */
public record TicketResolved(
        String ticketId,
        String storeId,
        int resolutionNumber,
        String kind,
        Instant resolvedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.resolved.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
