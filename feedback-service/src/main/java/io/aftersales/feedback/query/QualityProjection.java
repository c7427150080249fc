package io.aftersales.feedback.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.ReportedDefect;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;

import java.util.Date;
import java.util.List;

/**
 * The read models of quality feedback, from a tracking processor: defect reports (one document per
 * ticket), delistings and production alerts (one document per incident). Every write is idempotent
 * and order-safe: a document is created by an upsert keyed by the event's business id whose fields
 * are {@code $setOnInsert} (never replaced), lists only grow by add-to-set, and the one transition
 * (active to relisted, open to resolved) is one-way. Replaying the events (a reset, a redelivered
 * batch, the stale batch of an instance whose claim was stolen) leaves the documents as they were.
 */
@ProcessingGroup(QualityProjection.PROCESSING_GROUP)
public class QualityProjection {

    public static final String PROCESSING_GROUP = "quality-read-model";
    static final String REPORTS = "defect_reports";
    static final String DELISTINGS = "delistings";
    static final String ALERTS = "alerts";

    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> delistings;
    private final MongoCollection<Document> alerts;

    public QualityProjection(MongoDatabase database) {
        this.reports = database.getCollection(REPORTS);
        this.delistings = database.getCollection(DELISTINGS);
        this.alerts = database.getCollection(ALERTS);
        reports.createIndex(Indexes.ascending("product"), new IndexOptions().name("by_product"));
        delistings.createIndex(Indexes.compoundIndex(Indexes.ascending("product"), Indexes.descending("delistedAt")),
                new IndexOptions().name("by_product"));
        delistings.createIndex(Indexes.ascending("skus"), new IndexOptions().name("by_sku"));
        delistings.createIndex(Indexes.descending("delistedAt"), new IndexOptions().name("newest_first"));
        alerts.createIndex(Indexes.compoundIndex(Indexes.ascending("product"), Indexes.descending("raisedAt")),
                new IndexOptions().name("by_product"));
        alerts.createIndex(Indexes.descending("raisedAt"), new IndexOptions().name("newest_first"));
    }

    @EventHandler
    void on(DefectReportCounted e) {
        reports.updateOne(Filters.eq("_id", e.ticketId()), Updates.combine(
                        Updates.setOnInsert("productBatchId", e.productBatchId()),
                        Updates.setOnInsert("product", e.product()),
                        Updates.setOnInsert("batch", e.batch()),
                        Updates.setOnInsert("buyerId", e.buyerId()),
                        Updates.setOnInsert("storeId", e.storeId()),
                        Updates.setOnInsert("sku", e.sku()),
                        Updates.setOnInsert("category", e.category()),
                        Updates.setOnInsert("defectType", e.defectType()),
                        Updates.setOnInsert("reportedAt", Date.from(e.reportedAt())),
                        Updates.setOnInsert("repeatBuyer", e.repeatBuyer()),
                        Updates.setOnInsert("countedAt", Date.from(e.countedAt()))),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ProductDelisted e) {
        delistings.updateOne(Filters.eq("_id", e.incidentId()), Updates.combine(
                        Updates.setOnInsert("productBatchId", e.productBatchId()),
                        Updates.setOnInsert("product", e.product()),
                        Updates.setOnInsert("batch", e.batch()),
                        Updates.addEachToSet("skus", e.skus()),
                        Updates.addEachToSet("storeIds", e.storeIds()),
                        Updates.setOnInsert("rule", e.rule()),
                        Updates.setOnInsert("reason", e.reason()),
                        Updates.setOnInsert("delistedBy", e.delistedBy()),
                        Updates.setOnInsert("delistedAt", Date.from(e.delistedAt())),
                        Updates.setOnInsert("status", DelistingView.ACTIVE)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ProductionAlertRaised e) {
        alerts.updateOne(Filters.eq("_id", e.incidentId()), Updates.combine(
                        Updates.setOnInsert("productBatchId", e.productBatchId()),
                        Updates.setOnInsert("product", e.product()),
                        Updates.setOnInsert("batch", e.batch()),
                        Updates.setOnInsert("rule", e.rule()),
                        Updates.setOnInsert("raisedBy", e.raisedBy()),
                        Updates.setOnInsert("raisedAt", Date.from(e.raisedAt())),
                        Updates.addEachToSet("reports", e.evidence().stream().map(QualityProjection::report).toList()),
                        Updates.setOnInsert("status", AlertView.OPEN)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(DefectAddedToIncident e) {
        alerts.updateOne(Filters.eq("_id", e.incidentId()), Updates.addToSet("reports", report(e.report())));
        delistings.updateOne(Filters.eq("_id", e.incidentId()), Updates.combine(
                Updates.addToSet("skus", e.report().sku()),
                Updates.addToSet("storeIds", e.report().storeId())));
    }

    @EventHandler
    void on(ProductRelisted e) {
        delistings.updateOne(Filters.eq("_id", e.incidentId()), Updates.combine(
                Updates.set("status", DelistingView.RELISTED),
                Updates.set("note", e.note()),
                Updates.set("relistedBy", e.relistedBy()),
                Updates.set("relistedAt", Date.from(e.relistedAt()))));
        alerts.updateOne(Filters.eq("_id", e.incidentId()), Updates.combine(
                Updates.set("status", AlertView.RESOLVED),
                Updates.set("resolvedAt", Date.from(e.relistedAt()))));
    }

    /** A replay from the start rebuilds the read models from nothing. */
    @ResetHandler
    void reset() {
        for (MongoCollection<Document> collection : List.of(reports, delistings, alerts)) {
            collection.deleteMany(new Document());
        }
    }

    private static Document report(ReportedDefect r) {
        return new Document("ticketId", r.ticketId())
                .append("buyerId", r.buyerId())
                .append("storeId", r.storeId())
                .append("sku", r.sku())
                .append("category", r.category())
                .append("defectType", r.defectType())
                .append("reportedAt", Date.from(r.reportedAt()));
    }
}
