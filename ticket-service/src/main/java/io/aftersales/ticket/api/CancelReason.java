package io.aftersales.ticket.api;

/** Why a ticket was cancelled. */
public enum CancelReason {
    BUYER_WITHDREW, DUPLICATE
}
