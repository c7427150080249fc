package io.aftersales.ticket.api;

/** 责任方: who is at fault, which decides who pays shipping both ways. */
public enum Responsibility {
    SELLER, COURIER, BUYER
}
