package io.aftersales.ticket.api;

public enum TicketStatus {
    OPEN
}
