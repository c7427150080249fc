package io.aftersales.feedback.messaging;

import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.PublishedEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code aftersales_delisting_latency_seconds}: how long from the report that crossed the rule
 * (its {@code reportedAt} on the ticket) until Kafka acknowledged the delisting, i.e. how long a
 * bad batch stayed on sale once the evidence was complete.
 */
public class DelistingLatency implements PublishedEventListener {

    private final Timer latency;

    public DelistingLatency(MeterRegistry meterRegistry) {
        this.latency = Timer.builder("aftersales_delisting_latency")
                .description("From the defect report that crossed the rule to the delisting acknowledged on Kafka")
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1),
                        Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))
                .register(meterRegistry);
    }

    @Override
    public void published(Object domainEvent, OutgoingEvent outgoing, Instant acknowledgedAt) {
        if (domainEvent instanceof ProductDelisted delisted) {
            Duration elapsed = Duration.between(delisted.crossingReportedAt(), acknowledgedAt);
            latency.record(elapsed.isNegative() ? Duration.ZERO : elapsed);
        }
    }
}
