package io.aftersales.refund.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.aftersales.refund.api.RefundStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The refund list ({@code refund_summaries}): one document per refund, rewritten from the refund's
 * events after each of its events. A write only replaces an older version, so a replayed or
 * redelivered event never takes a refund back in time.
 */
@ProcessingGroup(RefundSummaryProjection.PROCESSING_GROUP)
public class RefundSummaryProjection {

    public static final String PROCESSING_GROUP = "refund-summaries";
    static final String COLLECTION = "refund_summaries";

    private final MongoCollection<Document> summaries;
    private final RefundQueries queries;

    public RefundSummaryProjection(MongoDatabase database, RefundQueries queries) {
        this.summaries = database.getCollection(COLLECTION);
        this.queries = queries;
        summaries.createIndex(Indexes.ascending("storeId", "requestedAt"));
        summaries.createIndex(Indexes.ascending("product", "batch"));
    }

    /** Every event of a refund (an order line's ledger folds to nothing and is skipped). */
    @EventHandler
    void on(Object event, @SourceId String aggregateId) {
        queries.find(aggregateId).ifPresent(this::write);
    }

    void write(RefundView view) {
        Document document = new Document("_id", view.id())
                .append("storeId", view.storeId())
                .append("platform", view.item().platform().name())
                .append("sku", view.item().sku())
                .append("product", view.item().product())
                .append("batch", view.item().batch())
                .append("ticketId", view.origin().ticketId())
                .append("orderId", view.orderId())
                .append("kind", view.kind().name())
                .append("status", view.status().name())
                .append("total", view.total().amount().toPlainString())
                .append("currency", view.total().currency())
                .append("fastTrack", view.fastTrack())
                .append("requestedAt", Date.from(view.requestedAt()))
                .append("updatedAt", Date.from(view.updatedAt()))
                .append("version", view.version());
        try {
            summaries.replaceOne(Filters.and(Filters.eq("_id", view.id()), Filters.lt("version", view.version())),
                    document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // a newer version is already there
        }
    }

    @ResetHandler
    void reset() {
        summaries.deleteMany(new Document());
    }

    /** One page of refunds, newest first; {@code stores} null: every store. */
    public RefundPage list(Collection<String> stores, String storeId, Collection<RefundStatus> statuses, String sku,
                           String platform, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (stores != null) {
            filters.add(Filters.in("storeId", stores));
        }
        if (storeId != null && !storeId.isBlank()) {
            filters.add(Filters.eq("storeId", storeId.strip()));
        }
        if (statuses != null && !statuses.isEmpty()) {
            filters.add(Filters.in("status", statuses.stream().map(Enum::name).toList()));
        }
        if (sku != null && !sku.isBlank()) {
            filters.add(Filters.eq("sku", sku.strip()));
        }
        if (platform != null && !platform.isBlank()) {
            filters.add(Filters.eq("platform", platform.strip()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = summaries.countDocuments(filter);
        List<RefundSummary> items = new ArrayList<>();
        summaries.find(filter).sort(Sorts.orderBy(Sorts.descending("requestedAt"), Sorts.ascending("_id")))
                .skip(page * size).limit(size).forEach(d -> items.add(RefundSummary.of(d)));
        return new RefundPage(items, io.aftersales.platform.web.PageInfo.of(page, size, total));
    }

    /** The refunds of a product batch still waiting for their money (not paid, closed, refused or cancelled). */
    public List<String> waitingOn(String product, String batch) {
        List<String> ids = new ArrayList<>();
        summaries.find(Filters.and(Filters.eq("product", product), Filters.eq("batch", batch),
                        Filters.nin("status", List.of("PAID", "CLOSED", "REFUSED", "CANCELLED"))))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** The refunds PAID (not closed) whose last change is no later than {@code until}: candidates for closing. */
    public List<String> paidNoLaterThan(java.time.Instant until) {
        List<String> ids = new ArrayList<>();
        summaries.find(Filters.and(Filters.eq("status", "PAID"), Filters.lte("updatedAt", Date.from(until))))
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }
}
