package io.aftersales.ticket.api;

import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock used up its warning share ({@link SlaPolicy#warnAtPercent()}) of its target: the ticket is
 * escalated to the store's supervisors before the promise is broken.
 *
 * @param cycle   the clock's cycle (a reopened ticket's resolution clock starts cycle 2)
 * @param target  the clock's target in business time
 * @param elapsed the business time used when warned
 * @param dueAt   when the promise breaks if the clock keeps running
 */
@Revision("1")
public record SlaWarned(String ticketId, String storeId, ClockKind clock, int cycle, Duration target,
                        Duration elapsed, Instant dueAt, Instant warnedAt) {
}
