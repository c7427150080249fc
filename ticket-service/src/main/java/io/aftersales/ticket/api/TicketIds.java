package io.aftersales.ticket.api;


import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ticket ids. A ticket synced from a platform gets an id derived from the platform and its
 * after-sales id, so the event store's uniqueness on (ticket, sequence 0) makes a second intake
 * of the same platform case impossible, even from two instances at once. The same holds for an
 * agent's {@code Idempotency-Key}.
 */
public final class TicketIds {

    private TicketIds() {
    }

    public static String forIntake(Platform platform, String externalId) {
        if (externalId == null || externalId.isBlank()) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes(("platform-case:" + platform.name() + ":" + externalId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * A ticket opened by an agent with an {@code Idempotency-Key}: the id derives from the store and
     * the key, so the retry of a request whose answer was lost meets the first ticket in the event
     * store instead of opening a second one. Keys are per store: another store's key is another ticket.
     */
    public static String forIdempotencyKey(String storeId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("idempotency-key:" + storeId + ":" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
