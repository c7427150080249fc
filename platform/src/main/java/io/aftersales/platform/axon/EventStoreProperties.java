package io.aftersales.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the event store. {@code gapTimeout} is how long a tracking processor waits for an
 * allocated but not yet visible global index before giving it up; it must exceed the slowest
 * append the deployment can see (GC pause, failover), see docs/adr/0001.
 */
@ConfigurationProperties("aftersales.event-store")
public record EventStoreProperties(
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration tokenClaimTimeout) {
}
