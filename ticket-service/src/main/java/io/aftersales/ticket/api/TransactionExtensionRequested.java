package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An agreed return or exchange asks the platform to extend the transaction by {@code days}. */
@Revision("1")
public record TransactionExtensionRequested(String ticketId, String storeId, Platform platform, String orderId, int resolutionNumber, int days, String requestedBy, Instant requestedAt) {
}
