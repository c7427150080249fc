package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A reply to the buyer; {@code firstReply} marks the one that stopped the first-reply clock. */
@Revision("1")
public record ReplyRecorded(String ticketId, String storeId, ReplyChannel channel, String text, boolean firstReply, String repliedBy, Instant repliedAt) {
}
