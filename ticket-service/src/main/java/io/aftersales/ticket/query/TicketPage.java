package io.aftersales.ticket.query;

import io.aftersales.platform.web.PageInfo;

import java.util.List;

public record TicketPage(List<TicketSummary> items, PageInfo page) {
}
