package io.aftersales.ticket;

import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.command.BatchIntakes;
import io.aftersales.ticket.command.Ticket;
import io.aftersales.ticket.command.TicketIntake;
import io.aftersales.ticket.messaging.DownstreamEventListener;
import io.aftersales.ticket.messaging.QualityEventListener;
import io.aftersales.ticket.messaging.TicketEventTranslator;
import io.aftersales.ticket.query.AutoClose;
import io.aftersales.ticket.query.ClockAlarms;
import io.aftersales.ticket.query.ClockDeadlines;
import io.aftersales.ticket.query.ClockQueries;
import io.aftersales.ticket.query.ClockScheduling;
import io.aftersales.ticket.query.ConfirmedBatchDefects;
import io.aftersales.ticket.query.HandoverDesk;
import io.aftersales.ticket.query.Handovers;
import io.aftersales.ticket.query.TicketMetrics;
import io.aftersales.ticket.query.TicketQueries;
import io.micrometer.core.instrument.MeterRegistry;
import io.aftersales.ticket.query.TicketSummaryProjection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
    ConfirmedBatchDefects confirmedBatchDefects(MongoDatabase serviceDatabase) {
        return new ConfirmedBatchDefects(serviceDatabase);
    }

    @Bean
    QualityEventListener qualityEventListener(Inbox inbox, CommandGateway commandGateway, QueryGateway queryGateway,
                                              ConfirmedBatchDefects confirmedBatchDefects, Clock clock,
                                              @Value("${aftersales.tickets.intake-grace:30s}") Duration intakeGrace) {
        return new QualityEventListener(inbox, commandGateway, queryGateway, confirmedBatchDefects, clock, intakeGrace);
    }

    /** The handler of OpenTicket, meeting the quality listener in {@link ConfirmedBatchDefects}. */
    @Bean
    TicketIntake ticketIntake(Repository<Ticket> ticketRepository, ConfirmedBatchDefects confirmedBatchDefects,
                              StorePolicies storePolicies) {
        return new TicketIntake(ticketRepository, batchIntakes(confirmedBatchDefects), storePolicies);
    }

    /** The command side's view of the meeting point: only the two steps intake takes. */
    static BatchIntakes batchIntakes(ConfirmedBatchDefects confirmedBatchDefects) {
        return new BatchIntakes() {
            @Override
            public void intakeStarted(String ticketId, String product, String batch, Instant at) {
                confirmedBatchDefects.intakeStarted(ticketId, product, batch, at);
            }

            @Override
            public Optional<String> activeIncident(String product, String batch) {
                return confirmedBatchDefects.activeIncident(product, batch);
            }
        };
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

    @Bean
    DownstreamEventListener downstreamEventListener(Inbox inbox, CommandGateway commandGateway) {
        return new DownstreamEventListener(inbox, commandGateway);
    }

    @Bean
    ClockDeadlines clockDeadlines(MongoDatabase serviceDatabase) {
        return new ClockDeadlines(serviceDatabase);
    }

    @Bean
    ClockQueries clockQueries(EventStore eventStore, StorePolicies storePolicies) {
        return new ClockQueries(eventStore, storePolicies);
    }

    /** The tracking processor that keeps the clock deadlines in step with the tickets (ADR 0150). */
    @Bean
    ClockScheduling clockScheduling(EventStore eventStore, ClockDeadlines clockDeadlines, StorePolicies storePolicies,
                                    Clock clock) {
        return new ClockScheduling(eventStore, clockDeadlines, storePolicies, clock);
    }

    /** Fires the clock deadlines that are due, every {@code clocks.poll-every}, with a lease of {@code clocks.lease}. */
    @Bean
    ClockAlarms clockAlarms(ClockDeadlines clockDeadlines, CommandGateway commandGateway, Clock clock,
                            @Value("${aftersales.tickets.clocks.poll-every:5s}") Duration every,
                            @Value("${aftersales.tickets.clocks.lease:1m}") Duration lease) {
        return new ClockAlarms(clockDeadlines, commandGateway, clock, every, lease);
    }

    /** Closes resolved tickets their store's autoCloseAfter after resolving, every {@code auto-close-every}. */
    @Bean
    AutoClose autoClose(TicketSummaryProjection ticketSummaryProjection, CommandGateway commandGateway,
                        StorePolicies storePolicies, Clock clock,
                        @Value("${aftersales.tickets.auto-close-every:1m}") Duration every) {
        return new AutoClose(ticketSummaryProjection, commandGateway, storePolicies, clock, every);
    }

    /** The clock meters: a subscribing processor (never counts a replay) and the open-ticket gauges. */
    @Bean
    TicketMetrics ticketMetrics(MeterRegistry meterRegistry, EventStore eventStore, MongoDatabase serviceDatabase,
                                Handovers handovers,
                                @Value("${aftersales.tickets.metrics.refresh-every:30s}") Duration every) {
        return new TicketMetrics(meterRegistry, eventStore, serviceDatabase, handovers::outstandingByStore, every);
    }

    @Bean
    Handovers handovers(MongoDatabase serviceDatabase) {
        return new Handovers(serviceDatabase);
    }

    /** The night-shift handover on the clocks' scheduler: same {@code clocks.poll-every} and {@code clocks.lease}. */
    @Bean
    HandoverDesk handoverDesk(Handovers handovers, ClockDeadlines clockDeadlines, MongoDatabase serviceDatabase,
                              StorePolicies storePolicies, CommandGateway commandGateway, Clock clock,
                              @Value("${aftersales.tickets.clocks.poll-every:5s}") Duration every,
                              @Value("${aftersales.tickets.clocks.lease:1m}") Duration lease) {
        return new HandoverDesk(handovers, clockDeadlines, serviceDatabase, storePolicies, commandGateway, clock, every,
                lease);
    }
}
