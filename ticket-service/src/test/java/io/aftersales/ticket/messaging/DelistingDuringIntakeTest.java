package io.aftersales.ticket.messaging;

import com.mongodb.client.MongoDatabase;
import io.aftersales.contracts.quality.v1.ProductDelisted;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.command.Ticket;
import io.aftersales.ticket.query.ConfirmedBatchDefects;
import io.aftersales.ticket.query.TicketSummaryProjection;
import io.aftersales.ticket.command.BatchIntakes;
import io.aftersales.ticket.command.TicketIntake;
import io.aftersales.testing.InMemoryMongo;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ticket opened while its batch is being delisted ends marked exactly once,
 * whichever side comes first and however the two interleave at the critical point (each side's
 * write, then its read of the other's write). Intake ({@link TicketIntake}) and the quality
 * listener ({@link QualityEventListener#delisted}) run on real Axon buses and an in-memory event
 * store; the ticket list is never fed, as if its tracking processor lagged behind.
 */
class DelistingDuringIntakeTest {

    private static final String PRODUCT = "JK2611";
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();


    private final Latches latches = new Latches();
    private Configuration axon;
    private Intake intake;
    private QualityEventListener listener;
    private String batch;

    @BeforeEach
    void start() {
        MongoDatabase database = MONGO.freshDatabase("delisting");
        ConfirmedBatchDefects meetingPoint = new HookedBatchDefects(database, latches);
        TicketSummaryProjection lagging = new TicketSummaryProjection(database);
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Ticket.class)
                .registerCommandHandler(c -> new TicketIntake(c.repository(Ticket.class), intakeSide(meetingPoint),
                        StorePolicies.DEFAULTS))
                .registerQueryHandler(c -> lagging)
                .buildConfiguration();
        axon.start();
        intake = new Intake(axon);
        listener = new QualityEventListener(null, axon.commandGateway(), axon.queryGateway(), meetingPoint,
                Clock.systemUTC(), Duration.ofSeconds(10));
        batch = "B-" + UUID.randomUUID();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void the_listener_first_then_intake_opens_the_ticket_already_marked() {
        listener.delisted(delisting());
        String ticket = intake.open(ticket()).id();

        assertThat(confirmations(ticket)).isEqualTo(1);
    }

    @Test
    void intake_first_then_the_listener_marks_the_ticket() {
        String ticket = intake.open(ticket()).id();
        listener.delisted(delisting());

        assertThat(confirmations(ticket)).isEqualTo(1);
    }

    @Test
    void intake_reads_before_the_delisting_is_recorded_and_the_listener_reads_before_the_ticket_is_saved()
            throws Exception {
        // intake: records its intake, misses the delisting, then waits; the listener records the
        // delisting and finds the intake while the ticket is not saved yet; then intake commits
        latches.intakeWaitsAfterItsRead = true;
        latches.listenerWaitsBeforeItsWrite = true;
        latches.listenerLetsIntakeGoAfterItsRead = true;
        OpenTicket command = ticket();

        CompletableFuture<String> opening = CompletableFuture.supplyAsync(() -> intake.open(command).id());
        CompletableFuture<Void> delisting = CompletableFuture.runAsync(() -> listener.delisted(delisting()));

        assertThat(opening.get(20, TimeUnit.SECONDS)).isEqualTo(command.ticketId());
        delisting.get(20, TimeUnit.SECONDS);
        assertThat(latches.intakeMissedTheDelisting).isTrue();
        assertThat(confirmations(command.ticketId())).isEqualTo(1);
    }

    @Test
    void both_write_before_either_reads_and_each_sees_the_other() throws Exception {
        latches.intakeWaitsBeforeItsRead = true;
        latches.listenerLetsIntakeGoAfterItsWrite = true;
        OpenTicket command = ticket();

        CompletableFuture<String> opening = CompletableFuture.supplyAsync(() -> intake.open(command).id());
        latches.intakeWrote.await(10, TimeUnit.SECONDS);
        listener.delisted(delisting());

        assertThat(opening.get(20, TimeUnit.SECONDS)).isEqualTo(command.ticketId());
        assertThat(latches.intakeMissedTheDelisting).isFalse();
        assertThat(confirmations(command.ticketId())).isEqualTo(1);
    }

    private long confirmations(String ticketId) {
        return axon.eventStore().readEvents(ticketId).asStream()
                .filter(event -> event.getPayload() instanceof BatchDefectConfirmed).count();
    }

    private ProductDelisted delisting() {
        return new ProductDelisted("inc-1", PRODUCT, batch, List.of(PRODUCT + "-RED-M"), List.of("tmall-flagship"),
                "5 distinct buyers", "system", NOW);
    }

    private OpenTicket ticket() {
        return new OpenTicket(UUID.randomUUID().toString(), "tmall-flagship", Platform.TMALL, "order-1", null,
                "buyer-1", false, PRODUCT + "-RED-M", PRODUCT, batch, 1, new Money(new BigDecimal("259.00"), "CNY"),
                NOW.minusSeconds(86_400), Category.QUALITY, "COLOUR_FADING", "fades", List.of(), "web", "agent-7",
                NOW);
    }

    /** Intake as the web reaches it: OpenTicket on the command bus, answered with the ticket's events. */
    record Intake(Configuration axon) {
        Opened open(OpenTicket command) {
            List<Object> events = axon.commandGateway().sendAndWait(command);
            return new Opened(((io.aftersales.ticket.api.TicketOpened) events.get(0)).ticketId());
        }
    }

    record Opened(String id) {
    }

    /** The two steps intake takes on the meeting point, as the service configuration wires them. */
    private static BatchIntakes intakeSide(ConfirmedBatchDefects meetingPoint) {
        return new BatchIntakes() {
            @Override
            public void intakeStarted(String ticketId, String product, String batch, Instant at) {
                meetingPoint.intakeStarted(ticketId, product, batch, at);
            }

            @Override
            public Optional<String> activeIncident(String product, String batch) {
                return meetingPoint.activeIncident(product, batch);
            }
        };
    }

    /** Where each side may be held: between its write and its read. */
    static final class Latches {
        volatile boolean intakeWaitsBeforeItsRead;
        volatile boolean intakeWaitsAfterItsRead;
        volatile boolean listenerWaitsBeforeItsWrite;
        volatile boolean listenerLetsIntakeGoAfterItsWrite;
        volatile boolean listenerLetsIntakeGoAfterItsRead;
        volatile boolean intakeMissedTheDelisting;
        final CountDownLatch intakeWrote = new CountDownLatch(1);
        final CountDownLatch intakeRead = new CountDownLatch(1);
        final CountDownLatch intakeMayGoOn = new CountDownLatch(1);

        static void await(CountDownLatch latch) {
            try {
                if (!latch.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the other side never came");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The meeting point with the test's hooks around each side's write and read. */
    static final class HookedBatchDefects extends ConfirmedBatchDefects {

        private final Latches latches;

        HookedBatchDefects(MongoDatabase database, Latches latches) {
            super(database);
            this.latches = latches;
        }

        @Override
        public void intakeStarted(String ticketId, String product, String batch, Instant at) {
            super.intakeStarted(ticketId, product, batch, at);
            latches.intakeWrote.countDown();
        }

        @Override
        public Optional<String> activeIncident(String product, String batch) {
            if (latches.intakeWaitsBeforeItsRead) {
                Latches.await(latches.intakeMayGoOn);
            }
            Optional<String> incident = super.activeIncident(product, batch);
            latches.intakeMissedTheDelisting = incident.isEmpty();
            latches.intakeRead.countDown();
            if (latches.intakeWaitsAfterItsRead) {
                Latches.await(latches.intakeMayGoOn);
            }
            return incident;
        }

        @Override
        public void confirmed(String product, String batch, String incidentId, Instant at) {
            if (latches.listenerWaitsBeforeItsWrite) {
                Latches.await(latches.intakeRead);
            }
            super.confirmed(product, batch, incidentId, at);
            if (latches.listenerLetsIntakeGoAfterItsWrite) {
                latches.intakeMayGoOn.countDown();
            }
        }

        @Override
        public List<Intake> intakesOn(String product, String batch) {
            List<Intake> intakes = super.intakesOn(product, batch);
            if (latches.listenerLetsIntakeGoAfterItsRead) {
                latches.intakeMayGoOn.countDown();
            }
            return intakes;
        }
    }
}
