package io.aftersales.refund.query;

import io.aftersales.platform.web.PageInfo;

import java.util.List;

/** One page of the refund list and where it is. */
public record RefundPage(List<RefundSummary> items, PageInfo page) {
}
