package io.aftersales.refund.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.MongoEventStorageEngine;
import io.aftersales.refund.api.AgreeRefund;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import io.aftersales.refund.api.PayoutRequested;
import io.aftersales.refund.api.RefundAgreed;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundStateConflict;
import io.aftersales.refund.api.RequestPayout;
import io.aftersales.refund.sandbox.SandboxClient;
import io.aftersales.refund.api.RefundExceedsPaid;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.RefundReserved;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.testing.TestInfrastructure;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.aftersales.refund.command.RefundFixtures.NOW;
import static io.aftersales.refund.command.RefundFixtures.ORDER;
import static io.aftersales.refund.command.RefundFixtures.ORDER_LINE;
import static io.aftersales.refund.command.RefundFixtures.PAID;
import static io.aftersales.refund.command.RefundFixtures.POLICY;
import static io.aftersales.refund.command.RefundFixtures.STORE;
import static io.aftersales.refund.command.RefundFixtures.goods;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two refunds on one order line, agreed at the same moment on two instances sharing the event
 * store: each would fit alone, together they exceed what was paid. The ledger's sequence number
 * lets one through; the other's whole commit (ledger and refund) fails, and its retry is refused.
 * Runs on the platform's {@link MongoEventStorageEngine} (ADR 0001, ADR 0110). Then each instance is
 * asked to pay both (as a redelivered or replayed {@code RefundApproved} would): the winner is paid
 * once by the platform sandbox ({@link TestInfrastructure#sandboxUrl()}), the loser never reaches
 * its payout ledger.
 */
class OrderLineRaceIT {

    private static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(
            new ObjectMapper().setVisibility(PropertyAccessor.FIELD, Visibility.ANY)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    // unique per test: the platform sandbox (and its payout ledger) is shared by the whole test JVM
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final RefundOrigin ticketRefund = RefundOrigin.ticketResolution("ticket-1-" + run, 1);
    private final RefundOrigin platformRefund = RefundOrigin.platformRequest(Platform.TMALL, "RF-889-" + run);
    private final RefundOrigin earlierRefund = RefundOrigin.ticketResolution("ticket-0-" + run, 1);

    private MongoClient client;
    private MongoDatabase database;
    private ExecutorService callers;
    private final List<Node> nodes = new ArrayList<>();
    /** When set, each agreement waits here after loading the ledger, before its commit. */
    private volatile CyclicBarrier ledgersLoaded;

    @BeforeEach
    void freshDatabase() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        database = client.getDatabase("refund_race_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        callers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        nodes.forEach(node -> node.eventStore.shutDown());
        database.drop();
        client.close();
    }

    @Test
    void two_first_refunds_agreed_at_once_on_two_instances_that_together_exceed_what_was_paid_agree_only_one()
            throws Exception {
        Throwable lost = race(goods("250.00"), goods("250.00"));

        // both wrote the new ledger's first event
        assertThat(lost).isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void two_more_refunds_agreed_at_once_on_two_instances_that_together_exceed_what_is_left_agree_only_one()
            throws Exception {
        Node earlier = new Node();
        earlier.gateway.sendAndWait(open(earlierRefund, goods("50.00")));
        earlier.gateway.sendAndWait(new AgreeRefund(earlierRefund.refundId(), "agent-7", NOW));

        Throwable lost = race(goods("200.00"), goods("200.00"));

        // both wrote the ledger's second event
        assertThat(lost).isInstanceOf(ConcurrencyException.class);
    }

    /**
     * Opens one refund from the ticket and one from the platform, agrees them at once on two instances,
     * each having loaded the ledger before either commits; checks that exactly one got through, with its
     * refund and ledger events, and the other left nothing but its request; answers the loser's failure.
     */
    private Throwable race(List<RefundLine> fromTicket, List<RefundLine> fromPlatform) throws Exception {
        Node first = new Node();
        Node second = new Node();
        first.gateway.sendAndWait(open(ticketRefund, fromTicket));
        first.gateway.sendAndWait(open(platformRefund, fromPlatform));
        int reservedBefore = payloads(ORDER_LINE).size();
        ledgersLoaded = new CyclicBarrier(2);

        Future<Object> byFirst = callers.submit(outcome(first, ticketRefund));
        Future<Object> bySecond = callers.submit(outcome(second, platformRefund));
        List<Object> outcomes = List.of(byFirst.get(30, TimeUnit.SECONDS), bySecond.get(30, TimeUnit.SECONDS));
        ledgersLoaded = null;

        assertThat(outcomes).containsOnlyOnce("agreed");
        List<Object> ledger = payloads(ORDER_LINE);
        assertThat(ledger).hasSize(reservedBefore + 1);
        String winner = ((RefundReserved) ledger.get(ledger.size() - 1)).refundId();
        RefundOrigin loser = winner.equals(ticketRefund.refundId()) ? platformRefund : ticketRefund;
        assertThat(payloads(winner)).hasAtLeastOneElementOfType(RefundAgreed.class);
        // the loser's refund events were in the same commit as its ledger event: none of them is stored
        assertThat(payloads(loser.refundId())).singleElement().isInstanceOf(RefundRequested.class);
        // its retry sees the winner on the ledger
        assertThat(outcome(second, loser).call()).isInstanceOf(RefundExceedsPaid.class);

        payBoth(first, second, winner, loser.refundId());
        return (Throwable) outcomes.stream().filter(Throwable.class::isInstance).findFirst().orElseThrow();
    }

    /** Both instances ask to pay both refunds: one payout, of the winner, on the platform's ledger. */
    private void payBoth(Node first, Node second, String winner, String loser) throws Exception {
        for (Node node : List.of(first, second)) {
            node.gateway.sendAndWait(new RequestPayout(winner, NOW));
            assertThatThrownBy(() -> node.gateway.sendAndWait(new RequestPayout(loser, NOW)))
                    .isInstanceOf(RefundStateConflict.class);
        }
        assertThat(payloads(winner)).filteredOn(RefundPaid.class::isInstance).hasSize(1);
        assertThat(payloads(loser)).noneMatch(e -> e instanceof PayoutRequested || e instanceof RefundPaid);
        JsonNode paid = sandboxPayouts(winner);
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(paid.get(0).path("requests").asInt()).isEqualTo(1);
        assertThat(sandboxPayouts(loser)).isEmpty();
    }

    private static JsonNode sandboxPayouts(String refundId) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(TestInfrastructure.sandboxUrl()
                        + "/sandbox/v1/payouts?refundId=" + URLEncoder.encode(refundId, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private OpenRefund open(RefundOrigin origin, List<RefundLine> lines) {
        return new OpenRefund(origin.refundId(), origin, RefundKind.REFUND_ONLY, STORE, ORDER, ORDER_LINE, "buyer-42",
                PAID, lines, Responsibility.SELLER, null, POLICY, "agent-7", NOW,
                new io.aftersales.refund.api.OrderItem(io.aftersales.refund.api.Platform.TMALL, "JK2611-RED-M", "JK2611", null));
    }

    private static Callable<Object> outcome(Node node, RefundOrigin origin) {
        return () -> {
            try {
                node.gateway.sendAndWait(new AgreeRefund(origin.refundId(), "agent-7", NOW));
                return "agreed";
            } catch (RuntimeException e) {
                return e;
            }
        };
    }

    private List<Object> payloads(String aggregateId) {
        return nodes.get(0).eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .map(Object.class::cast).toList();
    }

    /** One service instance: its own engine, event store, repositories and command bus on the shared database. */
    private final class Node {

        final EmbeddedEventStore eventStore;
        final CommandGateway gateway;

        Node() {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().mongoDatabase(database)
                    .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
            eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
            // the payout port the refund's RequestPayout handler takes: the platform sandbox over HTTP
            ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                    ClasspathParameterResolverFactory.forClass(Refund.class),
                    new SimpleResourceParameterResolverFactory(List.of(new SandboxClient(
                            URI.create(TestInfrastructure.sandboxUrl()), () -> null, Duration.ofSeconds(2),
                            Duration.ofSeconds(5), JSON))));
            EventSourcingRepository<Refund> refunds = EventSourcingRepository.builder(Refund.class)
                    .parameterResolverFactory(resolvers).eventStore(eventStore).build();
            EventSourcingRepository<OrderLineLedger> ledgers =
                    EventSourcingRepository.builder(OrderLineLedger.class).eventStore(eventStore).build();
            SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Refund>builder().aggregateType(Refund.class).repository(refunds)
                    .parameterResolverFactory(resolvers).build().subscribe(commandBus);
            new AnnotationCommandHandlerAdapter<>(new RefundAgreements(refunds, new MeetingLedgers(ledgers)))
                    .subscribe(commandBus);
            gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
            nodes.add(this);
        }
    }

    /** The ledgers, except that a loaded ledger waits for the other instance's before anything is committed. */
    private final class MeetingLedgers implements Repository<OrderLineLedger> {

        private final Repository<OrderLineLedger> delegate;

        MeetingLedgers(Repository<OrderLineLedger> delegate) {
            this.delegate = delegate;
        }

        @Override
        public Aggregate<OrderLineLedger> loadOrCreate(String id, Callable<OrderLineLedger> factory) throws Exception {
            Aggregate<OrderLineLedger> ledger = delegate.loadOrCreate(id, factory);
            CyclicBarrier meet = ledgersLoaded;
            if (meet != null) {
                meet.await(20, TimeUnit.SECONDS);
            }
            return ledger;
        }

        @Override
        public Aggregate<OrderLineLedger> load(String id) {
            return delegate.load(id);
        }

        @Override
        public Aggregate<OrderLineLedger> load(String id, Long expectedVersion) {
            return delegate.load(id, expectedVersion);
        }

        @Override
        public Aggregate<OrderLineLedger> newInstance(Callable<OrderLineLedger> factory) throws Exception {
            return delegate.newInstance(factory);
        }

        @Override
        public void send(Message<?> message, ScopeDescriptor scopeDescription) throws Exception {
            delegate.send(message, scopeDescription);
        }

        @Override
        public boolean canResolve(ScopeDescriptor scopeDescription) {
            return delegate.canResolve(scopeDescription);
        }
    }
}
