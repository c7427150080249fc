package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Responsibility;

import java.time.Instant;

/**
 * What the compensation policy knows of the case when a proposal is made.
 *
 * @param paid             what the buyer paid for the order line
 * @param alreadyRefunded  what earlier agreed resolutions of this ticket already gave back against the price
 *                         (reimbursed return postage is not part of it)
 * @param responsibility   who is at fault (the category's presumption until the agent decides); null: undecided
 * @param product          the style code, or the SKU when there is none
 * @param signedAt         when the buyer signed for the parcel; null: not known
 * @param batchDefect      QA confirmed a defect on the ticket's whole batch
 * @param decidedAt        when the proposal is made
 */
public record CaseFacts(Money paid, Money alreadyRefunded, Responsibility responsibility, Category category,
                        String product, Instant signedAt, boolean batchDefect, Instant decidedAt) {
}
