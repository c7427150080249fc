package io.aftersales.logistics.api;

/** The states of lifecycle.md §3. */
public enum ClaimStatus {
    /** Opened, nothing ordered yet (address problems and delays). */
    OPENED,
    /** The replacement is ordered with its stock held (or recorded out of stock). */
    RESHIPMENT_ORDERED,
    /** The weigh check found no discrepancy: the warehouse sent the wrong goods; the register entry is due. */
    WAREHOUSE_ERROR,
    /** Warehouse error registered in the wrong-shipment register: nothing to claim from the courier. */
    WRONG_SHIPMENT_REGISTERED,
    FILED,
    ACCEPTED,
    REJECTED,
    ESCALATED,
    WRITTEN_OFF,
    COMPENSATED;

    public boolean open() {
        return this != WRONG_SHIPMENT_REGISTERED && this != WRITTEN_OFF && this != COMPENSATED;
    }
}
