package io.aftersales.refund.api;

/**
 * What opened the refund, which is also its business key: the ticket's agreed resolution
 * ({@code ticketId} + {@code resolutionNumber}) or the platform's request ({@code platform} +
 * {@code externalRefundId}).
 */
public record RefundOrigin(String ticketId, Integer resolutionNumber, Platform platform, String externalRefundId) {

    public static RefundOrigin ticketResolution(String ticketId, int resolutionNumber) {
        return new RefundOrigin(ticketId, resolutionNumber, null, null);
    }

    public static RefundOrigin platformRequest(Platform platform, String externalRefundId) {
        return new RefundOrigin(null, null, platform, externalRefundId);
    }

    public boolean fromTicket() {
        return ticketId != null;
    }

    /** The refund id this origin always gives: see {@link RefundIds}. */
    public String refundId() {
        return fromTicket() ? RefundIds.forResolution(ticketId, resolutionNumber)
                : RefundIds.forPlatformRequest(platform, externalRefundId);
    }
}
