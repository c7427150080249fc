package io.aftersales.ticket.api;

import java.util.EnumSet;
import java.util.Set;

/** A part of an agreed resolution that another service carries out and reports back. */
public enum DownstreamPart {
    /** refund-service: the platform paid the buyer. */
    REFUND_PAID,
    /** refund-service: the warehouse received the goods back. */
    RETURN_RECEIVED,
    /** logistics-service: the replacement (or reshipment, or repaired item) left the warehouse. */
    REPLACEMENT_SHIPPED,
    /** logistics-service: the courier's part is claimed. */
    CLAIM_OPENED;

    /**
     * What must be done before a ticket is resolved: money back when any goes back, the goods
     * received when they come back without a refund carrying them (a refund is paid only after the
     * return anyway), something shipped to the buyer, a courier claim when the courier is at fault
     * and something is reshipped.
     */
    public static Set<DownstreamPart> required(ResolutionKind kind, boolean moneyToBuyer, Responsibility responsibility) {
        Set<DownstreamPart> parts = EnumSet.noneOf(DownstreamPart.class);
        if (moneyToBuyer) {
            parts.add(REFUND_PAID);
        }
        if (kind.goodsComeBack() && kind != ResolutionKind.RETURN_AND_REFUND) {
            parts.add(RETURN_RECEIVED);
        }
        if (kind.shipsToBuyer()) {
            parts.add(REPLACEMENT_SHIPPED);
        }
        if (kind == ResolutionKind.RESHIP && responsibility == Responsibility.COURIER) {
            parts.add(CLAIM_OPENED);
        }
        return parts;
    }
}
