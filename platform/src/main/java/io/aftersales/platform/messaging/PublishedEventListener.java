package io.aftersales.platform.messaging;

import java.time.Instant;

/**
 * Told about each event Kafka acknowledged, with the domain event it came from: where a service
 * measures how long a decision took to reach the bus (for example, report to delisting).
 */
@FunctionalInterface
public interface PublishedEventListener {

    void published(Object domainEvent, OutgoingEvent outgoing, Instant acknowledgedAt);
}
