package io.aftersales.ticket.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.aftersales.platform.web.PageInfo;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.Product;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.ResponsibilityDecided;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.TransactionExtensionRequested;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;
import java.util.Set;

/**
 * The ticket list, kept in the service's database by a tracking processor. Every write is
 * idempotent and order-safe: a ticket's first event creates its line only if it is missing
 * ({@code $setOnInsert}), later ones only apply over an older version (the event's sequence number
 * in the ticket's stream), as a compare-and-set on the version read, since the status an event
 * leads to may depend on the status before it. A replay, a redelivered batch, or the stale batch of an instance whose
 * claim was stolen therefore never takes a line back to an older state.
 */
@ProcessingGroup(TicketSummaryProjection.PROCESSING_GROUP)
public class TicketSummaryProjection {

    public static final String PROCESSING_GROUP = "ticket-summaries";
    static final String COLLECTION = "ticket_summaries";
    /** The clocks that warned or broke and still run (or are paused): the supervisors' concern. */
    private static final String CLOCK_ALERTS = "clockAlerts";

    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> deadlines;

    public TicketSummaryProjection(MongoDatabase database) {
        this.summaries = database.getCollection(COLLECTION);
        this.deadlines = database.getCollection(ClockDeadlines.COLLECTION);
        summaries.createIndex(Indexes.descending("openedAt"));
        summaries.createIndex(Indexes.ascending("storeId", "openedAt"));
        summaries.createIndex(Indexes.ascending("product", "batch", "status"));
        summaries.createIndex(Indexes.ascending("status", "resolvedAt"));
        summaries.createIndex(Indexes.ascending("assignee", "status"));
    }

    /**
     * Creates the line only if it is not there yet ({@code $setOnInsert}): a stale batch of a
     * processor that lost its claim, or a redelivery, finds the line (perhaps already newer) and
     * changes nothing.
     */
    @EventHandler
    void on(TicketOpened e, @SequenceNumber long sequence) {
        Bson created = Updates.combine(
                Updates.setOnInsert("storeId", e.storeId()),
                Updates.setOnInsert("platform", e.platform().name()),
                Updates.setOnInsert("orderId", e.orderId()),
                Updates.setOnInsert("buyerId", e.buyerId()),
                Updates.setOnInsert("vip", e.vip()),
                Updates.setOnInsert("sku", e.sku()),
                Updates.setOnInsert("product", Product.of(e.styleCode(), e.sku())),
                Updates.setOnInsert("batch", e.batch()),
                Updates.setOnInsert("category", e.category().name()),
                Updates.setOnInsert("defectType", e.defectType()),
                Updates.setOnInsert("status", TicketStatus.NEW.name()),
                Updates.setOnInsert("openedAt", Date.from(e.openedAt())),
                Updates.setOnInsert("updatedAt", Date.from(e.openedAt())),
                Updates.setOnInsert("version", sequence));
        try {
            summaries.updateOne(Filters.eq("_id", e.ticketId()), created, new UpdateOptions().upsert(true));
        } catch (MongoWriteException duplicate) {
            // two processors upserted the same new line at once: the other one created it
            if (duplicate.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    /*
     * Every later event moves the line forward from the version it was at, never back: see advance().
     */
    @EventHandler
    void on(BatchDefectConfirmed e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.confirmedAt(), Updates.set("batchDefectIncidentId", e.incidentId()));
    }

    @EventHandler
    void on(RemarkAdded e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.addedAt(), e.flagged() ? Updates.set("flagged", true) : null);
    }

    @EventHandler
    void on(DefectReported e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.reportedAt(), null);
    }

    @EventHandler
    void on(TicketAssigned e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.assignedAt(), Updates.set("assignee", e.assignee()));
    }

    @EventHandler
    void on(ReplyRecorded e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.repliedAt(), Updates.pull(CLOCK_ALERTS, ClockKind.FIRST_REPLY.name()));
    }

    @EventHandler
    void on(EvidenceRequested e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.requestedAt(), null);
    }

    @EventHandler
    void on(EvidenceAttached e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.attachedAt(), null);
    }

    @EventHandler
    void on(ResponsibilityDecided e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.decidedAt(), null);
    }

    @EventHandler
    void on(VerificationStepReached e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.at(),
                e.step() == VerificationStep.ESCALATED ? Updates.set("escalated", true) : null);
    }

    @EventHandler
    void on(ResolutionProposed e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.proposedAt(), Updates.set("proposalPending", true));
    }

    @EventHandler
    void on(ResolutionApproved e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.approvedAt(), null);
    }

    @EventHandler
    void on(ResolutionRejected e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.rejectedAt(), Updates.set("proposalPending", false));
    }

    @EventHandler
    void on(OfferRefused e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.refusedAt(), Updates.set("proposalPending", false));
    }

    /** A clock's warning escalates the ticket to its store's supervisors until the clock stops. */
    @EventHandler
    void on(SlaWarned e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.warnedAt(), Updates.addToSet(CLOCK_ALERTS, e.clock().name()));
    }

    @EventHandler
    void on(SlaBreached e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.breachedAt(), Updates.addToSet(CLOCK_ALERTS, e.clock().name()));
    }

    @EventHandler
    void on(TicketEscalated e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.escalatedAt(), Updates.set("escalated", true));
    }

    @EventHandler
    void on(ResolutionAgreed e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.agreedAt(),
                Updates.combine(Updates.set("escalated", false), Updates.set("proposalPending", false),
                        Updates.pull(CLOCK_ALERTS, ClockKind.RESOLUTION.name())));
    }

    @EventHandler
    void on(TransactionExtensionRequested e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.requestedAt(), null);
    }

    @EventHandler
    void on(DownstreamProgressRecorded e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.happenedAt(), null);
    }

    @EventHandler
    void on(TicketResolved e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.resolvedAt(), Updates.set("resolvedAt", Date.from(e.resolvedAt())));
    }

    @EventHandler
    void on(TicketClosed e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.closedAt(), null);
    }

    @EventHandler
    void on(SatisfactionRecorded e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.recordedAt(), null);
    }

    @EventHandler
    void on(TicketReopened e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.reopenedAt(), Updates.combine(Updates.set("resolvedAt", null),
                Updates.pull(CLOCK_ALERTS, ClockKind.RESOLUTION.name())));
    }

    @EventHandler
    void on(TicketCancelled e, @SequenceNumber long sequence) {
        advance(e.ticketId(), sequence, e, e.cancelledAt(),
                Updates.combine(Updates.set("escalated", false), Updates.set("proposalPending", false)));
    }

    /**
     * Moves the line to {@code sequence}: its status by {@link TicketStatuses} from the status it
     * has, plus {@code change}. A compare-and-set on the version it read, so a line is only ever
     * moved forward from the state it is in: a replay, a redelivery or a stale batch (version
     * already at or past {@code sequence}) changes nothing, and a concurrent writer makes this one
     * read again. Events of one ticket arrive in order from any one processor, so the status
     * read is the status just before this event.
     */
    private void advance(String ticketId, long sequence, Object event, Instant at, Bson change) {
        while (true) {
            Document line = summaries.find(Filters.eq("_id", ticketId)).first();
            if (line == null || line.get("version", Number.class).longValue() >= sequence) {
                return;
            }
            TicketStatus status = TicketStatuses.after(TicketStatus.valueOf(line.getString("status")),
                    line.getBoolean("proposalPending", false), event);
            List<Bson> updates = new ArrayList<>(List.of(Updates.set("status", status.name()),
                    Updates.set("updatedAt", Date.from(at)), Updates.set("version", sequence)));
            if (change != null) {
                updates.add(change);
            }
            long matched = summaries.updateOne(Filters.and(Filters.eq("_id", ticketId),
                    Filters.eq("version", line.get("version"))), Updates.combine(updates)).getMatchedCount();
            if (matched == 1) {
                return;
            }
        }
    }

    /**
     * Resolved tickets whose {@code resolvedAt} is at or before {@code cutoff}, oldest first: what the
     * automatic close looks at (each store's own delay is applied by the caller).
     */
    public List<TicketSummary> resolvedBefore(Instant cutoff, int skip, int limit) {
        List<TicketSummary> found = new ArrayList<>();
        summaries.find(Filters.and(Filters.eq("status", TicketStatus.RESOLVED.name()),
                        Filters.lte("resolvedAt", Date.from(cutoff))))
                .sort(Sorts.ascending("resolvedAt", "_id")).skip(skip).limit(limit)
                .forEach(doc -> found.add(toSummary(doc)));
        return found;
    }

    @QueryHandler
    public TicketPage handle(FindTickets query) {
        List<Bson> filters = new ArrayList<>();
        if (query.visibleStores() != null) {
            filters.add(Filters.in("storeId", query.visibleStores()));
        }
        if (query.storeId() != null) {
            filters.add(Filters.eq("storeId", query.storeId()));
        }
        if (!query.statuses().isEmpty()) {
            filters.add(Filters.in("status", query.statuses().stream().map(Enum::name).toList()));
        }
        if (query.product() != null) {
            filters.add(Filters.eq("product", query.product()));
        }
        if (query.batch() != null) {
            filters.add(Filters.eq("batch", query.batch()));
        }
        if (query.assignee() != null) {
            filters.add(Filters.eq("assignee", query.assignee()));
        }
        if (query.category() != null) {
            filters.add(Filters.eq("category", query.category().name()));
        }
        if (query.breachingBy() != null) {
            filters.add(Filters.in("_id", breachingBy(query.breachingBy())));
        }
        if (query.flagged() != null) {
            filters.add(query.flagged() ? Filters.eq("flagged", true) : Filters.ne("flagged", true));
        }
        if (query.waitingOn() != null) {
            filters.add(waitingOn(query.waitingOn()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<TicketSummary> items = new ArrayList<>();
        summaries.find(filter).sort(Sorts.descending("openedAt", "_id"))
                .skip(query.page() * query.size()).limit(query.size())
                .forEach(doc -> items.add(toSummary(doc)));
        return new TicketPage(items, PageInfo.of(query.page(), query.size(), summaries.countDocuments(filter)));
    }

    /** The tickets with a pending breach deadline (a running clock) due at or before {@code by}. */
    private Set<String> breachingBy(Instant by) {
        Set<String> ids = new TreeSet<>();
        deadlines.find(Filters.and(Filters.eq("state", "PENDING"), Filters.eq("alert", ClockAlert.BREACH.name()),
                        Filters.lte("fireAt", Date.from(by))))
                .forEach(doc -> ids.add(doc.getString("ticketId")));
        return ids;
    }

    /**
     * "Waiting on me": the caller's own tickets in progress; for a supervisor also every proposal
     * waiting for approval, every escalated open ticket and every open ticket whose clock warned or broke
     * and has not stopped (of the stores the caller sees: the
     * visible-stores filter applies on top).
     */
    private static Bson waitingOn(FindTickets.WaitingOn waitingOn) {
        Bson own = Filters.and(Filters.eq("assignee", waitingOn.subject()),
                Filters.eq("status", TicketStatus.IN_PROGRESS.name()));
        if (!waitingOn.supervisor()) {
            return own;
        }
        List<String> open = TicketStatus.OPEN.stream().map(Enum::name).toList();
        return Filters.or(own, Filters.eq("status", TicketStatus.WAITING_APPROVAL.name()),
                Filters.and(Filters.eq("escalated", true), Filters.in("status", open)),
                Filters.and(Filters.in(CLOCK_ALERTS, Arrays.stream(ClockKind.values()).map(Enum::name).toList()),
                        Filters.in("status", open)));
    }

    private static TicketSummary toSummary(Document doc) {
        return new TicketSummary(doc.getString("_id"), doc.getString("storeId"), Platform.valueOf(doc.getString("platform")),
                doc.getString("orderId"), doc.getString("buyerId"), doc.getBoolean("vip", false), doc.getString("sku"),
                doc.getString("product"), doc.getString("batch"), Category.valueOf(doc.getString("category")),
                doc.getString("defectType"), TicketStatus.valueOf(doc.getString("status")),
                doc.getString("batchDefectIncidentId"), doc.getString("assignee"), doc.getBoolean("flagged", false),
                doc.getBoolean("escalated", false),
                doc.getDate("resolvedAt") == null ? null : doc.getDate("resolvedAt").toInstant(),
                doc.getDate("openedAt").toInstant(), doc.getDate("updatedAt").toInstant(),
                doc.get("version", Number.class).longValue());
    }
}
