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
import io.aftersales.ticket.api.Product;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The ticket list, kept in the service's database by a tracking processor. Every write is
 * idempotent and order-safe: a ticket's first event creates its line only if it is missing
 * ({@code $setOnInsert}), later ones only apply over an older version (the event's sequence number
 * in the ticket's stream). A replay, a redelivered batch, or the stale batch of an instance whose
 * claim was stolen therefore never takes a line back to an older state.
 */
@ProcessingGroup(TicketSummaryProjection.PROCESSING_GROUP)
public class TicketSummaryProjection {

    public static final String PROCESSING_GROUP = "ticket-summaries";
    static final String COLLECTION = "ticket_summaries";

    private final MongoCollection<Document> summaries;

    public TicketSummaryProjection(MongoDatabase database) {
        this.summaries = database.getCollection(COLLECTION);
        summaries.createIndex(Indexes.descending("openedAt"));
        summaries.createIndex(Indexes.ascending("storeId", "openedAt"));
        summaries.createIndex(Indexes.ascending("product", "batch", "status"));
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

    /** Later events apply only over an older version of the line: never back in the ticket's history. */
    @EventHandler
    void on(BatchDefectConfirmed e, @SequenceNumber long sequence) {
        summaries.updateOne(Filters.and(Filters.eq("_id", e.ticketId()), Filters.lt("version", sequence)),
                Updates.combine(Updates.set("batchDefectIncidentId", e.incidentId()),
                        Updates.set("updatedAt", Date.from(e.confirmedAt())), Updates.set("version", sequence)));
    }

    @EventHandler
    void on(RemarkAdded e, @SequenceNumber long sequence) {
        summaries.updateOne(Filters.and(Filters.eq("_id", e.ticketId()), Filters.lt("version", sequence)),
                Updates.combine(Updates.set("updatedAt", Date.from(e.addedAt())), Updates.set("version", sequence)));
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
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<TicketSummary> items = new ArrayList<>();
        summaries.find(filter).sort(Sorts.descending("openedAt", "_id"))
                .skip(query.page() * query.size()).limit(query.size())
                .forEach(doc -> items.add(toSummary(doc)));
        return new TicketPage(items, PageInfo.of(query.page(), query.size(), summaries.countDocuments(filter)));
    }

    private static TicketSummary toSummary(Document doc) {
        return new TicketSummary(doc.getString("_id"), doc.getString("storeId"), Platform.valueOf(doc.getString("platform")),
                doc.getString("orderId"), doc.getString("buyerId"), doc.getBoolean("vip", false), doc.getString("sku"),
                doc.getString("product"), doc.getString("batch"), Category.valueOf(doc.getString("category")),
                doc.getString("defectType"), TicketStatus.valueOf(doc.getString("status")),
                doc.getString("batchDefectIncidentId"),
                doc.getDate("openedAt").toInstant(), doc.getDate("updatedAt").toInstant());
    }
}
