package io.aftersales.feedback.query;

import io.aftersales.platform.web.PageInfo;

import java.util.List;

/** One page of delistings, newest first. */
public record DelistingPage(List<DelistingView> items, PageInfo page) {
}
