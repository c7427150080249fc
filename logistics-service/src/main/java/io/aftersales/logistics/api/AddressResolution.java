package io.aftersales.logistics.api;

/** An address problem is solved by forwarding the parcel by EMS, or by returning it and reshipping. */
public enum AddressResolution {
    FORWARD_BY_EMS, RETURN_AND_RESHIP
}
