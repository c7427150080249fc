package io.aftersales.platform.messaging;

import java.util.Optional;

/**
 * Decides which stored domain events are published, and as what. Each service provides one in its
 * {@code messaging} package; a domain event it returns empty for stays internal.
 */
@FunctionalInterface
public interface OutgoingEventTranslator {

    Optional<OutgoingEvent> translate(Object domainEvent);
}
