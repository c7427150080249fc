package io.aftersales.ticket.api;

public record FindTicketHistory(String ticketId) {
}
