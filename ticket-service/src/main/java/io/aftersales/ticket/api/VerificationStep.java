package io.aftersales.ticket.api;

/** Where the proof of a quality claim (QUALITY, NOT_AS_DESCRIBED, REPAIR) stands. */
public enum VerificationStep {
    /** Not assessed yet. */
    PENDING,
    /** Signed for within the photo window and not worn: the buyer was asked for photos. */
    PHOTOS_REQUESTED,
    /** Photos arrived; the agent has to look at them. */
    PHOTOS_RECEIVED,
    /** The buyer will not send photos: the item comes back and the warehouse verifies it. */
    ITEM_REQUESTED_BACK,
    /** The defect is proven. */
    VERIFIED,
    /** Past the photo window or worn: compensation is negotiated. */
    NEGOTIATING,
    /** The buyer refused the negotiated offer: a supervisor takes over. */
    ESCALATED,
    /** QA confirmed the defect on the whole batch: no proof needed. */
    WAIVED_BATCH_DEFECT;

    /** Whether a resolution with compensation may be proposed: proven, negotiated, escalated or waived. */
    public boolean isSettled() {
        return this == VERIFIED || this == NEGOTIATING || this == ESCALATED || this == WAIVED_BATCH_DEFECT;
    }

    public static boolean appliesTo(Category category) {
        return category == Category.QUALITY || category == Category.NOT_AS_DESCRIBED || category == Category.REPAIR;
    }
}
