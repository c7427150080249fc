package io.aftersales.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.WriteConcern;

/**
 * Tuning of the event store ({@code aftersales.event-store.*}). {@code gapTimeout} is how long a
 * tracking processor waits for an allocated but not yet visible global index before giving it up;
 * it must exceed the slowest append the deployment can see (GC pause, failover), see
 * docs/adr/0001. {@code writeConcern} ({@code majority}, {@code w1}, {@code acknowledged}, ...:
 * a name of {@link WriteConcern#valueOf(String)}) and {@code readConcern} ({@code majority},
 * {@code local}, {@code linearizable}, ...) apply to the event, snapshot and counter collections;
 * both default to {@code majority}, so that nothing a replica set may roll back is acknowledged
 * or tracked.
 */
@ConfigurationProperties("aftersales.event-store")
public record EventStoreProperties(
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration tokenClaimTimeout,
        @DefaultValue("majority") String writeConcern,
        @DefaultValue("majority") String readConcern) {

    /** The configured write concern; an unknown name fails the start. */
    public WriteConcern eventWriteConcern() {
        WriteConcern concern = WriteConcern.valueOf(writeConcern.trim());
        if (concern == null) {
            throw new IllegalArgumentException("aftersales.event-store.write-concern: unknown write concern '"
                    + writeConcern + "'");
        }
        return concern;
    }

    /** The configured read concern; an unknown level fails the start. */
    public ReadConcern eventReadConcern() {
        return new ReadConcern(ReadConcernLevel.fromString(readConcern.trim()));
    }
}
