package io.aftersales.ticket.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.EscalateTicket;
import io.aftersales.ticket.api.HandoverPolicy;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The night-shift handover (晚班交接) on the clocks' persistent scheduler ({@link ClockDeadlines}, ADR 0150,
 * ADR 0165): every {@code poll-every} each instance plans each store's end of shift as a task (scheduled
 * once per store and night, so planning twice or on several instances changes nothing) and fires the due
 * ones, each claimed by one instance under a lease. The end of the shift writes the night's list from the
 * store's open tickets in the ticket list and schedules its clear-by; the clear-by escalates every item
 * nobody cleared ({@link EscalateTicket}, reason {@link HandoverPolicy#NOT_CLEARED}). An instance that dies
 * in between leaves its lease to run out and another one finishes: the list is written once, an item is
 * escalated once (the ticket records one escalation per clear-by).
 */
public class HandoverDesk extends PeriodicTask {

    static final String SHIFT_END = "HANDOVER_SHIFT_END";
    static final String CLEAR_BY = "HANDOVER_CLEAR_BY";

    private final Handovers handovers;
    private final ClockDeadlines deadlines;
    private final MongoCollection<Document> summaries;
    private final StorePolicies policies;
    private final CommandGateway commandGateway;
    private final Clock clock;
    private final Duration lease;
    private final String owner = "handover-desk-" + UUID.randomUUID();

    public HandoverDesk(Handovers handovers, ClockDeadlines deadlines, MongoDatabase database, StorePolicies policies,
                        CommandGateway commandGateway, Clock clock, Duration every, Duration lease) {
        super("ticket-handover-desk", every, every);
        this.handovers = handovers;
        this.deadlines = deadlines;
        this.summaries = database.getCollection(TicketSummaryProjection.COLLECTION);
        this.policies = policies;
        this.commandGateway = commandGateway;
        this.clock = clock;
        this.lease = lease;
    }

    /** The stores to plan for: those configured one by one and those with open tickets. */
    public Set<String> knownStores() {
        Set<String> stores = new TreeSet<>(policies.configuredStores());
        summaries.distinct("storeId", Filters.in("status", TicketStatus.OPEN.stream().map(Enum::name).toList()),
                String.class).forEach(store -> {
                    if (store != null) {
                        stores.add(store);
                    }
                });
        return stores;
    }

    /**
     * Schedules the end of the shift of the stores' last night (while its clear-by is ahead: an instance that
     * was down at the end of the shift still writes the list, late) and of tonight.
     */
    public void plan(Collection<String> stores) {
        Instant now = clock.instant();
        for (String store : stores) {
            HandoverPolicy policy = policies.handover(store);
            ZoneId zone = policies.sla(store).calendar().zone();
            LocalDate today = now.atZone(zone).toLocalDate();
            for (LocalDate night : new LocalDate[] {today.minusDays(1), today}) {
                if (policy.clearBy(night, zone).toInstant().isAfter(now)) {
                    deadlines.scheduleOnce(task(SHIFT_END, store, night, policy.shiftEnd(night, zone).toInstant()));
                }
            }
        }
    }

    /** Fires the handover tasks due now: ends of shift, then clear-bys; answers how many it fired. */
    public int fireDue() {
        int fired = 0;
        Instant now = clock.instant();
        List<ClockDeadlines.Task> due;
        while (!(due = deadlines.claimDueTasks(SHIFT_END, now, owner, lease)).isEmpty()) {
            for (ClockDeadlines.Task task : due) {
                endShift(task);
                deadlines.taskDone(task, owner);
                fired++;
            }
        }
        while (!(due = deadlines.claimDueTasks(CLEAR_BY, now, owner, lease)).isEmpty()) {
            for (ClockDeadlines.Task task : due) {
                escalateUncleared(task, now);
                deadlines.taskDone(task, owner);
                fired++;
            }
        }
        return fired;
    }

    private void endShift(ClockDeadlines.Task task) {
        String store = task.storeId();
        LocalDate night = LocalDate.parse(task.date());
        HandoverPolicy policy = policies.handover(store);
        ZoneId zone = policies.sla(store).calendar().zone();
        Instant clearBy = policy.clearBy(night, zone).toInstant();
        Map<String, String> open = new LinkedHashMap<>();
        summaries.find(Filters.and(Filters.eq("storeId", store),
                        Filters.in("status", TicketStatus.OPEN.stream().map(Enum::name).toList())))
                .projection(Projections.include("status")).sort(new Document("openedAt", 1))
                .forEach(doc -> open.put(doc.getString("_id"), doc.getString("status")));
        handovers.build(store, night, task.fireAt(), clearBy, open);
        deadlines.scheduleOnce(task(CLEAR_BY, store, night, clearBy));
    }

    private void escalateUncleared(ClockDeadlines.Task task, Instant now) {
        LocalDate night = LocalDate.parse(task.date());
        handovers.find(task.storeId(), night).ifPresent(handover -> {
            for (String ticketId : handover.outstanding()) {
                Boolean recorded = commandGateway.sendAndWait(new EscalateTicket(ticketId, HandoverPolicy.NOT_CLEARED,
                        handover.clearBy(), Actors.SYSTEM, now));
                handovers.settleAtClearBy(task.storeId(), night, ticketId, Boolean.TRUE.equals(recorded), now);
            }
        });
    }

    private static ClockDeadlines.Task task(String kind, String store, LocalDate night, Instant fireAt) {
        return new ClockDeadlines.Task("handover/" + store + "/" + night + "/" + kind, kind, store, night.toString(),
                fireAt);
    }

    @Override
    protected void runOnce() {
        plan(knownStores());
        fireDue();
    }
}
