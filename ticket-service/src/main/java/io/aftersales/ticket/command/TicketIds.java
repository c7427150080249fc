package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Platform;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ticket ids. A ticket synced from a platform gets an id derived from the platform and its
 * after-sales id, so the event store's uniqueness on (ticket, sequence 0) makes a second intake
 * of the same platform case impossible, even from two instances at once.
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
}
