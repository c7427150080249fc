package io.aftersales.ticket.api;

public record FindTicket(String ticketId) {
}
