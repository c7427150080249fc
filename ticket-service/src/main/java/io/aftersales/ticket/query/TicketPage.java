package io.aftersales.ticket.query;

import java.util.List;

public record TicketPage(List<TicketSummary> items, int page, int size, long total) {
}
