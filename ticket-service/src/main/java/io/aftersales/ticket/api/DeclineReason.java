package io.aftersales.ticket.api;

/** Why a claim is declined. */
public enum DeclineReason {
    BUYER_RESPONSIBILITY, USED, PAST_RETURN_PERIOD, ABUSIVE_RETURNS
}
