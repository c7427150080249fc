package io.aftersales.ticket.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The clock meters (docs/services/ticket-service.md, "Clocks"), as RefundMetrics does it in refund-service:
 * the counted events come to a <b>subscribing</b> processor ({@code ticket-metrics}), in the unit of work that
 * stores them, so each event is counted once, by the instance that stored it, and never again on a replay
 * or a reset of the tracking processors (a tracking handler would count the whole history again on each
 * new instance's first start).
 * <ul>
 *   <li>{@code aftersales_tickets_opened} (counter, tags store and platform) and {@code aftersales_tickets_closed}
 *       (counter, tags store and outcome): {@code TicketOpened}, {@code TicketClosed};</li>
 *   <li>{@code aftersales_ticket_time_to_first_reply} (timer, histogram), tags store and platform: the
 *       ticket's opening to its {@code ReplyRecorded.firstReply} (wall-clock time);</li>
 *   <li>{@code aftersales_ticket_sla_warnings} / {@code aftersales_ticket_sla_breaches} (counters), tags
 *       clock and store;</li>
 *   <li>{@code aftersales_tickets_open} (gauge), tags state and store: the open tickets of the ticket list
 *       ({@code ticket_summaries}), counted every {@code aftersales.tickets.metrics.refresh-every};</li>
 *   <li>{@code aftersales_ticket_handover_items_outstanding} (gauge), tag store: handover items neither
 *       cleared nor escalated yet, refreshed with it.</li>
 * </ul>
 */
@ProcessingGroup(TicketMetrics.PROCESSING_GROUP)
public class TicketMetrics extends PeriodicTask {

    public static final String PROCESSING_GROUP = "ticket-metrics";

    private final MeterRegistry registry;
    private final EventStore eventStore;
    private final MongoCollection<Document> summaries;
    private final Supplier<Map<String, Long>> outstandingHandoverItems;
    private final MultiGauge openTickets;
    private final MultiGauge handoverOutstanding;
    /** Every (state, store) and store seen once keeps reporting, 0 when nothing is left. */
    private final Map<List<String>, Long> openSeen = new LinkedHashMap<>();
    private final Map<String, Long> outstandingSeen = new LinkedHashMap<>();

    public TicketMetrics(MeterRegistry registry, EventStore eventStore, MongoDatabase database, Supplier<Map<String, Long>> outstandingHandoverItems, Duration every) {
        super("ticket-metrics", Duration.ZERO, every);
        this.registry = registry;
        this.eventStore = eventStore;
        this.summaries = database.getCollection(TicketSummaryProjection.COLLECTION);
        this.outstandingHandoverItems = outstandingHandoverItems;
        this.openTickets = MultiGauge.builder("aftersales_tickets_open")
                .description("Open tickets by state and store, from the ticket list").register(registry);
        this.handoverOutstanding = MultiGauge.builder("aftersales_ticket_handover_items_outstanding")
                .description("Night-shift handover items neither cleared nor escalated, by store").register(registry);
    }

    @EventHandler
    void on(TicketOpened event) {
        Counter.builder("aftersales_tickets_opened").description("Tickets opened, by store and platform")
                .tag("store", event.storeId()).tag("platform", event.platform().name()).register(registry).increment();
    }

    @EventHandler
    void on(TicketClosed event) {
        Counter.builder("aftersales_tickets_closed").description("Tickets closed, by store and outcome")
                .tag("store", event.storeId()).tag("outcome", String.valueOf(event.outcome()))
                .register(registry).increment();
    }

    @EventHandler
    void on(ReplyRecorded event) {
        if (!event.firstReply()) {
            return;
        }
        opening(event.ticketId()).ifPresent(opened -> Timer.builder("aftersales_ticket_time_to_first_reply")
                .description("From the ticket's opening to its first reply")
                .publishPercentileHistogram()
                .tag("store", event.storeId()).tag("platform", opened.platform().name())
                .register(registry)
                .record(Duration.between(opened.openedAt(), event.repliedAt())));
    }

    @EventHandler
    void on(SlaWarned event) {
        Counter.builder("aftersales_ticket_sla_warnings").description("Clock warnings recorded, by clock and store")
                .tag("clock", event.clock().name()).tag("store", event.storeId()).register(registry).increment();
    }

    @EventHandler
    void on(SlaBreached event) {
        Counter.builder("aftersales_ticket_sla_breaches").description("Broken promises recorded, by clock and store")
                .tag("clock", event.clock().name()).tag("store", event.storeId()).register(registry).increment();
    }

    private Optional<TicketOpened> opening(String ticketId) {
        return eventStore.readEvents(ticketId, 0).asStream().findFirst().map(message -> message.getPayload())
                .filter(TicketOpened.class::isInstance).map(TicketOpened.class::cast);
    }

    /** Counts the open tickets by state and store, and the outstanding handover items by store, now. */
    public synchronized void refresh() {
        Map<List<String>, Long> open = new LinkedHashMap<>();
        openSeen.replaceAll((key, count) -> 0L);
        summaries.aggregate(List.of(
                        Aggregates.match(Filters.in("status", TicketStatus.OPEN.stream().map(Enum::name).toList())),
                        Aggregates.group(new Document("status", "$status").append("storeId", "$storeId"),
                                Accumulators.sum("count", 1))))
                .forEach(row -> {
                    Document id = row.get("_id", Document.class);
                    open.put(List.of(id.getString("status"), String.valueOf(id.getString("storeId"))),
                            ((Number) row.get("count")).longValue());
                });
        openSeen.putAll(open);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        openSeen.forEach((key, count) -> rows.add(MultiGauge.Row.of(Tags.of("state", key.get(0), "store", key.get(1)),
                count)));
        openTickets.register(rows, true);

        outstandingSeen.replaceAll((store, count) -> 0L);
        outstandingSeen.putAll(outstandingHandoverItems.get());
        List<MultiGauge.Row<?>> outstanding = new ArrayList<>();
        outstandingSeen.forEach((store, count) -> outstanding.add(MultiGauge.Row.of(Tags.of("store", store), count)));
        handoverOutstanding.register(outstanding, true);
    }

    @Override
    protected void runOnce() {
        refresh();
    }
}
