package io.aftersales.logistics.api;

/**
 * What went wrong with the parcel (lifecycle.md §3). Reship-first kinds order the replacement the moment
 * the claim is opened; address problems wait for the decision to forward by EMS or return and reship.
 */
public enum ClaimKind {
    LOST, DAMAGED, SHORT_DELIVERY, WRONG_ADDRESS, ADDRESS_UNREACHABLE, DELAYED;

    /** The buyer never waits for the courier: a replacement is ordered at once. */
    public boolean reshipFirst() {
        return this == LOST || this == DAMAGED || this == SHORT_DELIVERY;
    }

    /** 疑难件 and wrong address: forward by EMS, or return and reship, before anything is filed. */
    public boolean addressProblem() {
        return this == WRONG_ADDRESS || this == ADDRESS_UNREACHABLE;
    }
}
