package io.aftersales.refund.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Refund ids, derived from the business key, so the event store's uniqueness on (refund, sequence 0)
 * makes a redelivered {@code resolution-agreed} or a platform request synced twice meet the first
 * refund instead of opening a second one.
 */
public final class RefundIds {

    private RefundIds() {
    }

    public static String forResolution(String ticketId, int resolutionNumber) {
        return UUID.nameUUIDFromBytes(("ticket-resolution:" + ticketId + ":" + resolutionNumber)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String forPlatformRequest(Platform platform, String externalRefundId) {
        return UUID.nameUUIDFromBytes(("platform-refund:" + platform.name() + ":" + externalRefundId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
