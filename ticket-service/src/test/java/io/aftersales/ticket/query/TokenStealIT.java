package io.aftersales.ticket.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.testing.TestInfrastructure;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure mode "token steal": two instances run the ticket list's tracking processor on one token
 * store (claim timeout 1 s here, 10 s in production). Instance A takes the claim and stalls in its
 * handler for longer than the claim timeout; instance B steals the segment and projects the ticket's
 * later events; then A's stalled batch finishes and writes the ticket's first event after them.
 * The ticket list still ends in the newest state.
 */
class TokenStealIT {

    private static final String TICKET = "t-steal";

    private final MongoClient client = MongoClients.create(TestInfrastructure.mongoUri());
    private final MongoDatabase database = client.getDatabase("token_steal_" + System.nanoTime());
    private final EmbeddedEventStore events = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private TrackingEventProcessor instanceA;
    private TrackingEventProcessor instanceB;

    @AfterEach
    void stop() {
        for (TrackingEventProcessor processor : new TrackingEventProcessor[]{instanceA, instanceB}) {
            if (processor != null) {
                processor.shutDown();
            }
        }
        events.shutDown();
        database.drop();
        client.close();
    }

    @Test
    void a_processor_slower_than_the_claim_timeout_does_not_overwrite_what_the_thief_projected() {
        CountDownLatch aStalled = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        CountDownLatch aWrote = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        MessageHandlerInterceptor<EventMessage<?>> stallFirstEvent = (UnitOfWork<? extends EventMessage<?>> unitOfWork,
                                                                       InterceptorChain chain) -> {
            if (!first.getAndSet(false)) {
                return chain.proceed();
            }
            aStalled.countDown();
            if (!releaseA.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            try {
                return chain.proceed();
            } finally {
                aWrote.countDown();
            }
        };
        publish(0, TicketSummaryProjectionTest.opened(TICKET));

        instanceA = processor("A", stallFirstEvent);
        instanceA.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> aStalled.getCount() == 0);
        publish(1, TicketSummaryProjectionTest.confirmed(TICKET, "inc-1"));
        publish(2, TicketSummaryProjectionTest.remark(TICKET, TicketSummaryProjectionTest.opened(TICKET).openedAt()
                .plusSeconds(120)));

        instanceB = processor("B", null);
        instanceB.start();
        // B steals the segment once A's claim times out and projects all three events
        await().atMost(Duration.ofSeconds(20)).until(() -> version() == 2L);

        releaseA.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> aWrote.getCount() == 0);

        Document summary = summary();
        assertThat(summary.getLong("version")).isEqualTo(2L);
        assertThat(summary.getString("batchDefectIncidentId")).isEqualTo("inc-1");
        assertThat(database.getCollection(TicketSummaryProjection.COLLECTION).countDocuments()).isEqualTo(1);
    }

    private TrackingEventProcessor processor(String node, MessageHandlerInterceptor<EventMessage<?>> interceptor) {
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .serializer(JacksonSerializer.defaultSerializer())
                .claimTimeout(Duration.ofSeconds(1))
                .nodeId(node)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(TicketSummaryProjection.PROCESSING_GROUP)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(new AnnotationEventHandlerAdapter(new TicketSummaryProjection(database))).build())
                .messageSource(events)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andTokenClaimInterval(100, TimeUnit.MILLISECONDS))
                .build();
        if (interceptor != null) {
            processor.registerHandlerInterceptor(interceptor);
        }
        return processor;
    }

    private void publish(long sequence, Object payload) {
        events.publish(new GenericDomainEventMessage<>("Ticket", TICKET, sequence, payload));
    }

    private long version() {
        Document summary = summary();
        return summary == null ? -1 : summary.getLong("version");
    }

    private Document summary() {
        return database.getCollection(TicketSummaryProjection.COLLECTION).find(Filters.eq("_id", TICKET)).first();
    }
}
