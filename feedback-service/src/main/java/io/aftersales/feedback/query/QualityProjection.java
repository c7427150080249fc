package io.aftersales.feedback.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReport;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.FindAlerts;
import io.aftersales.feedback.api.FindDelisting;
import io.aftersales.feedback.api.FindDelistings;
import io.aftersales.feedback.api.FindProductQuality;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.platform.web.PageInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The read models of quality feedback, from a tracking processor: defect reports (one document per
 * ticket), delistings and production alerts (one document per incident). Every write is idempotent
 * and order-safe: a document is created by an upsert keyed by the event's business id whose fields
 * are {@code $setOnInsert} (never replaced), lists only grow by add-to-set, and the one transition
 * (active to relisted, open to resolved) is one-way. Replaying the events (a reset, a redelivered
 * batch, the stale batch of an instance whose claim was stolen) leaves the documents as they were.
 *
 * <p>The read models' queries are answered here too, next to the writes: the collection and field
 * names live in one class (the read-model convention, docs/adr/0060-read-model-convention.md).
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

    @QueryHandler
    public DelistingPage handle(FindDelistings query) {
        Bson filter = filter(query.product(), query.sku() == null ? null : Filters.eq("skus", query.sku()), query.status());
        long total = delistings.countDocuments(filter);
        List<DelistingView> items = new ArrayList<>();
        delistings.find(filter).sort(Sorts.orderBy(Sorts.descending("delistedAt"), Sorts.ascending("_id")))
                .skip(query.page() * query.size()).limit(query.size())
                .forEach(doc -> items.add(delisting(doc)));
        return new DelistingPage(items, PageInfo.of(query.page(), query.size(), total));
    }

    @QueryHandler
    public AlertPage handle(FindAlerts query) {
        Bson filter = filter(query.product(), query.sku() == null ? null : Filters.eq("reports.sku", query.sku()),
                query.status());
        long total = alerts.countDocuments(filter);
        List<AlertView> items = new ArrayList<>();
        alerts.find(filter).sort(Sorts.orderBy(Sorts.descending("raisedAt"), Sorts.ascending("_id")))
                .skip(query.page() * query.size()).limit(query.size())
                .forEach(doc -> items.add(alert(doc)));
        return new AlertPage(items, PageInfo.of(query.page(), query.size(), total));
    }

    @QueryHandler
    public Optional<DelistingView> handle(FindDelisting query) {
        return Optional.ofNullable(delistings.find(Filters.eq("_id", query.incidentId())).first())
                .map(QualityProjection::delisting);
    }

    @QueryHandler
    public Optional<ProductQualityView> handle(FindProductQuality query) {
        Map<String, List<Document>> byBatch = new LinkedHashMap<>();
        Set<String> buyers = new LinkedHashSet<>();
        int total = 0;
        for (Document report : reports.find(Filters.eq("product", query.product()))) {
            byBatch.computeIfAbsent(report.getString("batch"), b -> new ArrayList<>()).add(report);
            buyers.add(report.getString("buyerId"));
            total++;
        }
        if (total == 0) {
            return Optional.empty();
        }
        List<ProductQualityView.BatchCounts> batches = new ArrayList<>();
        byBatch.forEach((batch, docs) -> batches.add(new ProductQualityView.BatchCounts(batch, batch != null,
                docs.size(), (int) docs.stream().map(d -> d.getString("buyerId")).distinct().count(),
                ProductionAlertRaised.countByDefectType(docs.stream().map(QualityProjection::defectReport).toList()),
                docs.stream().map(d -> d.getDate("reportedAt").toInstant()).max(Comparator.naturalOrder()).orElseThrow())));
        batches.sort(Comparator.comparing(ProductQualityView.BatchCounts::lastReportedAt).reversed());
        List<DelistingView> open = new ArrayList<>();
        delistings.find(Filters.and(Filters.eq("product", query.product()), Filters.eq("status", DelistingView.ACTIVE)))
                .sort(Sorts.descending("delistedAt"))
                .forEach(doc -> open.add(delisting(doc)));
        return Optional.of(new ProductQualityView(query.product(), total, buyers.size(), batches, open));
    }

    /** For the {@code aftersales_delistings_active} gauge. */
    public double countActiveDelistings() {
        return delistings.countDocuments(Filters.eq("status", DelistingView.ACTIVE));
    }

    private static Bson filter(String product, Bson sku, String status) {
        List<Bson> filters = new ArrayList<>();
        if (product != null) {
            filters.add(Filters.eq("product", product));
        }
        if (sku != null) {
            filters.add(sku);
        }
        if (status != null) {
            filters.add(Filters.eq("status", status));
        }
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    private static DelistingView delisting(Document doc) {
        return new DelistingView(doc.getString("_id"), doc.getString("product"), doc.getString("batch"),
                sorted(doc.getList("skus", String.class)), sorted(doc.getList("storeIds", String.class)),
                doc.getString("rule"), doc.getString("reason"), doc.getString("status"), doc.getString("delistedBy"),
                instant(doc, "delistedAt"), doc.getString("relistedBy"), instant(doc, "relistedAt"), doc.getString("note"));
    }

    private static AlertView alert(Document doc) {
        List<DefectReport> evidence = doc.getList("reports", Document.class, List.of()).stream()
                .map(QualityProjection::defectReport)
                .sorted(Comparator.comparing(DefectReport::reportedAt).thenComparing(DefectReport::ticketId))
                .toList();
        return new AlertView(doc.getString("_id"), doc.getString("product"), doc.getString("batch"),
                doc.getString("rule"), doc.getString("status"), ProductionAlertRaised.countByDefectType(evidence),
                evidence.size(), (int) evidence.stream().map(DefectReport::buyerId).distinct().count(),
                evidence.stream().map(DefectReport::reportedAt).min(Comparator.naturalOrder()).orElse(null),
                evidence.stream().map(DefectReport::reportedAt).max(Comparator.naturalOrder()).orElse(null),
                evidence.stream().map(DefectReport::ticketId).toList(),
                List.copyOf(evidence.stream().map(DefectReport::sku).collect(java.util.stream.Collectors.toCollection(TreeSet::new))),
                List.copyOf(evidence.stream().map(DefectReport::storeId).collect(java.util.stream.Collectors.toCollection(TreeSet::new))),
                doc.getString("raisedBy"), instant(doc, "raisedAt"), instant(doc, "resolvedAt"));
    }

    private static DefectReport defectReport(Document doc) {
        return new DefectReport(Objects.requireNonNullElse(doc.getString("ticketId"), doc.getString("_id")),
                doc.getString("buyerId"), doc.getString("storeId"), doc.getString("sku"), doc.getString("category"),
                doc.getString("defectType"), doc.getDate("reportedAt").toInstant());
    }

    private static List<String> sorted(List<String> values) {
        return values == null ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    private static Instant instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** A replay from the start rebuilds the read models from nothing. */
    @ResetHandler
    void reset() {
        for (MongoCollection<Document> collection : List.of(reports, delistings, alerts)) {
            collection.deleteMany(new Document());
        }
    }

    private static Document report(DefectReport r) {
        return new Document("ticketId", r.ticketId())
                .append("buyerId", r.buyerId())
                .append("storeId", r.storeId())
                .append("sku", r.sku())
                .append("category", r.category())
                .append("defectType", r.defectType())
                .append("reportedAt", Date.from(r.reportedAt()));
    }
}
