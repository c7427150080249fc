package io.aftersales.contracts.tickets.v1;

import io.aftersales.contracts.IntegrationEvent;

import java.time.Instant;

/**
 * An agent replied to the buyer. The reply's text is not published: the conversation with the
 * buyer stays inside ticket-service.
 * Published on {@code aftersales.tickets.v1} as CloudEvents type {@value #TYPE}; Kafka key and
 * {@code ce_subject} are the ticket id, {@code ce_time} is {@code repliedAt}. JSON Schema:
 * {@code schemas/aftersales.ticket.replied.v1.json}.
 *
 * @param ticketId the ticket (aggregate) id
 * @param storeId the store the order belongs to
 * @param channel {@code PLATFORM_CHAT}, {@code PHONE}, {@code SMS} or {@code WECHAT}
 * @param firstReply true for the ticket's first reply, the one that stopped the first-reply clock
 * @param repliedBy the agent
 * @param repliedAt when (also {@code ce_time})
 */
public record TicketReplied(
        String ticketId,
        String storeId,
        String channel,
        boolean firstReply,
        String repliedBy,
        Instant repliedAt) implements IntegrationEvent {

    public static final String TYPE = "aftersales.ticket.replied.v1";

    @Override
    public String subject() {
        return ticketId;
    }
}
