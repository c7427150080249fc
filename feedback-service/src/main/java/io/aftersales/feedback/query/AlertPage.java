package io.aftersales.feedback.query;

import io.aftersales.platform.web.PageInfo;

import java.util.List;

/** One page of production alerts, newest first. */
public record AlertPage(List<AlertView> items, PageInfo page) {
}
