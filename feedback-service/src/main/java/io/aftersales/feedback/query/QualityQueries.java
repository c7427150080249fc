package io.aftersales.feedback.query;

import io.aftersales.platform.web.PageInfo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.aftersales.feedback.api.FindAlerts;
import io.aftersales.feedback.api.FindDelisting;
import io.aftersales.feedback.api.FindDelistings;
import io.aftersales.feedback.api.FindProductQuality;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.ReportedDefect;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;

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

/** Answers from the read models of {@link QualityProjection}. */
public class QualityQueries {

    private final MongoCollection<Document> reports;
    private final MongoCollection<Document> delistings;
    private final MongoCollection<Document> alerts;

    public QualityQueries(MongoDatabase database) {
        this.reports = database.getCollection(QualityProjection.REPORTS);
        this.delistings = database.getCollection(QualityProjection.DELISTINGS);
        this.alerts = database.getCollection(QualityProjection.ALERTS);
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
                .map(QualityQueries::delisting);
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
                ProductionAlertRaised.countByDefectType(docs.stream().map(QualityQueries::reportedDefect).toList()),
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
        List<ReportedDefect> evidence = doc.getList("reports", Document.class, List.of()).stream()
                .map(QualityQueries::reportedDefect)
                .sorted(Comparator.comparing(ReportedDefect::reportedAt).thenComparing(ReportedDefect::ticketId))
                .toList();
        return new AlertView(doc.getString("_id"), doc.getString("product"), doc.getString("batch"),
                doc.getString("rule"), doc.getString("status"), ProductionAlertRaised.countByDefectType(evidence),
                evidence.size(), (int) evidence.stream().map(ReportedDefect::buyerId).distinct().count(),
                evidence.stream().map(ReportedDefect::reportedAt).min(Comparator.naturalOrder()).orElse(null),
                evidence.stream().map(ReportedDefect::reportedAt).max(Comparator.naturalOrder()).orElse(null),
                evidence.stream().map(ReportedDefect::ticketId).toList(),
                List.copyOf(evidence.stream().map(ReportedDefect::sku).collect(java.util.stream.Collectors.toCollection(TreeSet::new))),
                List.copyOf(evidence.stream().map(ReportedDefect::storeId).collect(java.util.stream.Collectors.toCollection(TreeSet::new))),
                doc.getString("raisedBy"), instant(doc, "raisedAt"), instant(doc, "resolvedAt"));
    }

    private static ReportedDefect reportedDefect(Document doc) {
        return new ReportedDefect(Objects.requireNonNullElse(doc.getString("ticketId"), doc.getString("_id")),
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
}
