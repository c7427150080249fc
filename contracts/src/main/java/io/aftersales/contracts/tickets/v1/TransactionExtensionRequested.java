package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * An agreed return or exchange asks the platform to extend the order's transaction (by 10 days by
 * default) so that it does not complete while the goods travel; the platform sync acts on it.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code requestedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.transaction-extension-requested.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param platform as in {@link TicketOpened}
 * @param orderId the platform's order id to extend
 * @param resolutionNumber the agreed resolution that needs it
 * @param days by how many days, at least 1
 * @param requestedBy the actor: an agent id or {@code system}
 * @param requestedAt when (also {@code ce_time})
 */
public record TransactionExtensionRequested(
        String ticketId,
        String storeId,
        String platform,
        String orderId,
        int resolutionNumber,
        int days,
        String requestedBy,
        Instant requestedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.transaction-extension-requested.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
