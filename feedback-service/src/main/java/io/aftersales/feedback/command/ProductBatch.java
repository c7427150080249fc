package io.aftersales.feedback.command;

import io.aftersales.feedback.api.Actors;
import io.aftersales.feedback.api.DefectRule;
import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.feedback.api.CountDefectReport;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.DelistingAlreadyRelisted;
import io.aftersales.feedback.api.DelistingNotFound;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.RelistProduct;
import io.aftersales.feedback.api.ReportOutcome;
import io.aftersales.feedback.api.DefectReport;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One production batch of one product as quality sees it (同款同批): the defect reports counted on
 * it, the reports that may still open an incident, and its open incident. Its id is deterministic
 * ({@link ProductBatchIds}), so reports arriving at two instances at once meet in one event stream
 * and the store's (aggregate, sequence) uniqueness lets exactly one of them raise the incident.
 *
 * <p>Reports are counted once per ticket. A report is judged by every rule it counts towards (the
 * default and, say, a stricter one for its defect type), so a set of reports raises the same
 * incident whatever order it arrives in. The rule's window is measured on the reports' own
 * {@code reportedAt}, not on processing time, so reprocessing the same reports decides the same. A
 * product batch of unknown batch counts reports but never opens an incident.
 */
@Aggregate(cache = "productBatchCache")
public class ProductBatch {

    @AggregateIdentifier
    private String productBatchId;
    private String product;
    private String batch;
    private final Set<String> countedTickets = new HashSet<>();
    private final Set<String> countedBuyers = new HashSet<>();
    private final SortedSet<String> skus = new TreeSet<>();
    private final SortedSet<String> stores = new TreeSet<>();
    /** Reports that may still open an incident: since the last incident, newest minus the longest window. */
    private final List<DefectReport> candidates = new ArrayList<>();
    /** Reports made at or before the last relisting belong to the closed incident's time, not a new burst. */
    private Instant countFrom;
    private int incidentsRaised;
    private OpenIncident openIncident;

    protected ProductBatch() {
        // created by the first report on it, rebuilt from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReportOutcome handle(CountDefectReport command, DefectRules rules) {
        if (countedTickets.contains(command.ticketId())) {
            return ReportOutcome.DUPLICATE;
        }
        boolean repeatBuyer = countedBuyers.contains(command.buyerId());
        apply(new DefectReportCounted(command.productBatchId(), command.product(), command.batch(), command.ticketId(),
                command.buyerId(), command.storeId(), command.platform(), command.sku(), command.category(),
                command.defectType(), command.reportedAt(), repeatBuyer, Actors.SYSTEM, command.receivedAt()));
        ReportOutcome counted = repeatBuyer ? ReportOutcome.REPEAT_BUYER : ReportOutcome.COUNTED;
        if (batch == null) {
            return counted;
        }
        DefectReport report = reportOf(command);
        if (openIncident != null) {
            Set<String> buyers = new HashSet<>(openIncident.buyers());
            buyers.add(command.buyerId());
            apply(new DefectAddedToIncident(productBatchId, openIncident.incidentId(), product, batch, report,
                    buyers.size(), openIncident.tickets().size() + 1, Actors.SYSTEM, command.receivedAt()));
            return ReportOutcome.ADDED_TO_INCIDENT;
        }
        if (!candidates.contains(report)) {
            return counted; // made before the last relisting
        }
        // every rule the report counts towards, not only the most specific one: otherwise the decision
        // would depend on which report of a set came last
        DefectRule rule = null;
        List<DefectReport> evidence = List.of();
        for (DefectRule candidate : rules.rulesFor(product, command.category(), command.defectType())) {
            evidence = crossedWindow(candidate, report);
            if (!evidence.isEmpty()) {
                rule = candidate;
                break;
            }
        }
        if (rule == null) {
            return counted;
        }
        DefectRule crossed = rule;
        String incidentId = ProductBatchIds.incident(productBatchId, incidentsRaised + 1);
        long buyers = evidence.stream().filter(r -> crossed.counts(r.category(), r.defectType()))
                .map(DefectReport::buyerId).distinct().count();
        String reason = "%d distinct buyers reported %s on batch %s within %s (rule %s: %s)".formatted(buyers,
                rule.defectType() == null ? "defects" : rule.defectType(), batch, rule.window(), rule.name(),
                rule.describe());
        apply(new ProductDelisted(productBatchId, incidentId, product, batch, List.copyOf(skus), List.copyOf(stores),
                rule.name(), reason, command.ticketId(), command.reportedAt(), Actors.SYSTEM, command.receivedAt()));
        apply(new ProductionAlertRaised(productBatchId, incidentId, product, batch, rule.name(), evidence, Actors.SYSTEM,
                command.receivedAt()));
        return ReportOutcome.INCIDENT_RAISED;
    }

    @CommandHandler
    public ProductRelisted handle(RelistProduct command) {
        if (openIncident != null && openIncident.incidentId().equals(command.incidentId())) {
            ProductRelisted relisted = new ProductRelisted(productBatchId, command.incidentId(), product, batch,
                    command.note(), command.actor(), command.requestedAt());
            apply(relisted);
            return relisted;
        }
        for (int number = 1; number <= incidentsRaised; number++) {
            if (ProductBatchIds.incident(productBatchId, number).equals(command.incidentId())) {
                throw new DelistingAlreadyRelisted(command.incidentId());
            }
        }
        throw new DelistingNotFound(command.incidentId());
    }

    /**
     * The reports of the first window of the rule's length that contains the new report and holds
     * at least the rule's number of distinct buyers among the reports the rule counts; empty when
     * there is none. Only windows containing the new report can have changed.
     */
    private List<DefectReport> crossedWindow(DefectRule rule, DefectReport newReport) {
        Instant earliestStart = newReport.reportedAt().minus(rule.window());
        List<Instant> starts = candidates.stream().map(DefectReport::reportedAt)
                .filter(t -> !t.isBefore(earliestStart) && !t.isAfter(newReport.reportedAt()))
                .distinct().sorted().toList();
        for (Instant start : starts) {
            Instant end = start.plus(rule.window());
            List<DefectReport> inWindow = candidates.stream()
                    .filter(r -> !r.reportedAt().isBefore(start) && !r.reportedAt().isAfter(end))
                    .sorted(Comparator.comparing(DefectReport::reportedAt).thenComparing(DefectReport::ticketId))
                    .toList();
            long buyers = inWindow.stream().filter(r -> rule.counts(r.category(), r.defectType()))
                    .map(DefectReport::buyerId).distinct().count();
            if (buyers >= rule.minBuyers()) {
                return inWindow;
            }
        }
        return List.of();
    }

    private static DefectReport reportOf(CountDefectReport c) {
        return new DefectReport(c.ticketId(), c.buyerId(), c.storeId(), c.sku(), c.category(), c.defectType(),
                c.reportedAt());
    }

    @EventSourcingHandler
    void on(DefectReportCounted event) {
        if (productBatchId == null) {
            productBatchId = event.productBatchId();
            product = event.product();
            batch = event.batch();
        }
        countedTickets.add(event.ticketId());
        countedBuyers.add(event.buyerId());
        skus.add(event.sku());
        stores.add(event.storeId());
        if (batch != null && openIncident == null && (countFrom == null || event.reportedAt().isAfter(countFrom))) {
            candidates.add(new DefectReport(event.ticketId(), event.buyerId(), event.storeId(), event.sku(),
                    event.category(), event.defectType(), event.reportedAt()));
            Instant newest = candidates.stream().map(DefectReport::reportedAt).max(Comparator.naturalOrder()).orElseThrow();
            Instant horizon = newest.minus(DefectRule.MAX_WINDOW);
            candidates.removeIf(r -> r.reportedAt().isBefore(horizon));
        }
    }

    @EventSourcingHandler
    void on(ProductDelisted event) {
        incidentsRaised++;
        openIncident = new OpenIncident(event.incidentId(), new LinkedHashSet<>(), new HashSet<>());
        candidates.clear();
    }

    @EventSourcingHandler
    void on(ProductionAlertRaised event) {
        event.evidence().forEach(openIncident::add);
    }

    @EventSourcingHandler
    void on(DefectAddedToIncident event) {
        openIncident.add(event.report());
    }

    @EventSourcingHandler
    void on(ProductRelisted event) {
        openIncident = null;
        countFrom = event.relistedAt();
    }

    private record OpenIncident(String incidentId, Set<String> tickets, Set<String> buyers) {

        void add(DefectReport report) {
            tickets.add(report.ticketId());
            buyers.add(report.buyerId());
        }
    }
}
