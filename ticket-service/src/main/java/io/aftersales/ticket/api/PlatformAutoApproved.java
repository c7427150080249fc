package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The platform approved the buyer's request by itself (the seller's window ran out): the ticket records
 * that the platform decided, not the seller. Stops the platform-response clock. Internal (refund-service
 * records the platform's payout from the platform's own status).
 */
@Revision("1")
public record PlatformAutoApproved(String ticketId, String storeId, Platform platform, String recordedBy,
                                   Instant recordedAt) {
}
