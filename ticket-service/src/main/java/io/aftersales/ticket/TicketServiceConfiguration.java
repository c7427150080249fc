package io.aftersales.ticket;

import io.aftersales.ticket.messaging.TicketEventTranslator;
import io.aftersales.ticket.query.TicketQueries;
import io.aftersales.ticket.query.TicketSummaryProjection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class TicketServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TicketQueries ticketQueries(EventStore eventStore) {
        return new TicketQueries(eventStore);
    }

    @Bean
    TicketSummaryProjection ticketSummaryProjection(MongoDatabase serviceDatabase) {
        return new TicketSummaryProjection(serviceDatabase);
    }

    @Bean
    TicketEventTranslator ticketEventTranslator() {
        return new TicketEventTranslator();
    }

    @Bean
    SnapshotTriggerDefinition ticketSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${aftersales.tickets.snapshot-every:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
