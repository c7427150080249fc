package io.aftersales.logistics.api;

/** Why a replacement ships: a reshipment of the claimed parcel, or an exchange agreed on the ticket. */
public enum ReshipmentReason {
    RESHIPMENT, EXCHANGE
}
