package io.aftersales.logistics.query;

import io.aftersales.logistics.api.ClaimStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;
import io.aftersales.platform.scheduling.PeriodicTask;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The claims at a glance, recomputed from the read model every {@code every}:
 * {@code aftersales.claims.open} (tags {@code courier}, {@code age}: {@code under_2d}, {@code 2d_to_7d},
 * {@code over_7d} since opening), {@code aftersales.claims.outstanding} (tags {@code courier}, {@code currency}:
 * what couriers may still pay, as the reconciliation counts it), {@code aftersales.claims.reshipments.pending}
 * (tag {@code stock}: replacements ordered and not shipped) and {@code aftersales.claims.wrong.shipments}
 * (tag {@code warehouse}: entries of the wrong-shipment register).
 */
public class ClaimMetrics extends PeriodicTask {

    static final String UNKNOWN_COURIER = "UNKNOWN";

    private final ClaimQueries queries;
    private final Clock clock;
    private final MultiGauge open;
    private final MultiGauge outstanding;
    private final MultiGauge reshipmentsPending;
    private final MultiGauge wrongShipments;

    public ClaimMetrics(ClaimQueries queries, MeterRegistry registry, Clock clock, Duration every) {
        super("claim-metrics", Duration.ZERO, every);
        this.queries = queries;
        this.clock = clock;
        this.open = MultiGauge.builder("aftersales.claims.open").description("Open courier claims by courier and age")
                .register(registry);
        this.outstanding = MultiGauge.builder("aftersales.claims.outstanding")
                .description("What couriers may still pay on filed claims").register(registry);
        this.reshipmentsPending = MultiGauge.builder("aftersales.claims.reshipments.pending")
                .description("Replacements ordered and not shipped").register(registry);
        this.wrongShipments = MultiGauge.builder("aftersales.claims.wrong.shipments")
                .description("Entries of the wrong-shipment register by warehouse").register(registry);
    }

    /** Recomputes every gauge now. */
    public void refresh() {
        Instant now = clock.instant();
        Map<Tags, Double> openCounts = new java.util.LinkedHashMap<>();
        Map<Tags, BigDecimal> owed = new java.util.LinkedHashMap<>();
        Map<Tags, Double> pending = new java.util.LinkedHashMap<>();
        for (Document claim : queries.open()) {
            String courier = claim.getString("courier") == null ? UNKNOWN_COURIER : claim.getString("courier");
            Duration age = Duration.between(claim.getDate("openedAt").toInstant(), now);
            String bucket = age.compareTo(Duration.ofDays(2)) < 0 ? "under_2d"
                    : age.compareTo(Duration.ofDays(7)) < 0 ? "2d_to_7d" : "over_7d";
            openCounts.merge(Tags.of("courier", courier, "age", bucket), 1d, Double::sum);
            String status = claim.getString("status");
            if (ClaimQueries.AWAITING_COURIER.contains(status)) {
                BigDecimal amount = ClaimStatus.ACCEPTED.name().equals(status)
                        ? ClaimQueries.amount(claim, "amountAccepted") : ClaimQueries.amount(claim, "amountClaimed");
                String currency = claim.get("amountClaimed", Document.class).getString("currency");
                owed.merge(Tags.of("courier", courier, "currency", currency), amount, BigDecimal::add);
            }
        }
        for (Document claim : queries.withPendingReshipments()) {
            for (Object item : claim.getList("reshipments", Object.class, List.of())) {
                Document reshipment = (Document) item;
                if (!reshipment.getBoolean("shipped", false)) {
                    pending.merge(Tags.of("stock", reshipment.getString("stock")), 1d, Double::sum);
                }
            }
        }
        Map<Tags, Double> wrong = new java.util.LinkedHashMap<>();
        queries.allWrongShipments().forEach(line -> wrong.merge(Tags.of("warehouse", line.warehouse()), 1d, Double::sum));
        open.register(rows(openCounts), true);
        outstanding.register(owed.entrySet().stream()
                .map(e -> MultiGauge.Row.of(e.getKey(), e.getValue().doubleValue())).toList(), true);
        reshipmentsPending.register(rows(pending), true);
        wrongShipments.register(rows(wrong), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Double> values) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        values.forEach((tags, value) -> rows.add(MultiGauge.Row.of(tags, value)));
        return rows;
    }

    @Override
    protected void runOnce() {
        refresh();
    }
}
