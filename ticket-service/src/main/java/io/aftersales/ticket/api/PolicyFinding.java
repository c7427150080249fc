package io.aftersales.ticket.api;

/**
 * One rule's verdict on a proposal: the rule's name (e.g. {@code goodwill-cap}), its outcome, the
 * limit it applied (null when the rule has no amount) and a sentence explaining it.
 */
public record PolicyFinding(String rule, PolicyOutcome outcome, Money limit, String explanation) {
}
