package io.aftersales.refund.api;

/** Where the buyer sends the goods back: the store's return warehouse. */
public record ReturnAddress(String recipient, String phone, String address) {
}
