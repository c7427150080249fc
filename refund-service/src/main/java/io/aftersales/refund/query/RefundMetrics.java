package io.aftersales.refund.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundRequested;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The refund meters, from the events as they are stored (a subscribing processor: counted once per
 * instance that stored them, never again on a replay):
 * <ul>
 *   <li>{@code aftersales_refund_time_to_paid} (timer, histogram): requested to paid, tagged store and platform;</li>
 *   <li>{@code aftersales_refunds_paid_amount} (summary of amounts, total = money refunded), tagged store and currency;</li>
 *   <li>{@code aftersales_refunds_requested} (counter), tagged store, SKU and kind (a return when the goods come back);</li>
 *   <li>{@code aftersales_refund_payouts_pending} (gauge): refunds approved or asked of the platform, not yet paid
 *       (from the refund list);</li>
 *   <li>{@code aftersales_refund_payout_oldest_pending_seconds} (gauge): how long the oldest of those has waited
 *       since its last change in the list.</li>
 * </ul>
 */
@ProcessingGroup(RefundMetrics.PROCESSING_GROUP)
public class RefundMetrics {

    public static final String PROCESSING_GROUP = "refund-metrics";
    private static final List<String> PENDING_PAYOUT = List.of("APPROVED", "PAYOUT_REQUESTED");

    private final MeterRegistry registry;
    private final RefundQueries queries;

    public RefundMetrics(MeterRegistry registry, RefundQueries queries, MongoDatabase database) {
        this.registry = registry;
        this.queries = queries;
        Gauge.builder("aftersales_refund_payouts_pending", database, db -> db
                        .getCollection(RefundSummaryProjection.COLLECTION)
                        .countDocuments(Filters.in("status", PENDING_PAYOUT)))
                .description("Refunds approved or asked of the platform and not yet paid").register(registry);
        Gauge.builder("aftersales_refund_payout_oldest_pending", database, RefundMetrics::oldestPendingSeconds)
                .description("Age of the oldest refund approved or asked of the platform and not yet paid (0 when none)")
                .baseUnit("seconds").register(registry);
    }

    private static double oldestPendingSeconds(MongoDatabase database) {
        Document oldest = database.getCollection(RefundSummaryProjection.COLLECTION)
                .find(Filters.in("status", PENDING_PAYOUT)).sort(Sorts.ascending("updatedAt"))
                .projection(Projections.include("updatedAt")).first();
        return oldest == null || oldest.getDate("updatedAt") == null ? 0
                : Math.max(0, Duration.between(oldest.getDate("updatedAt").toInstant(), Instant.now()).toMillis() / 1000.0);
    }

    @EventHandler
    void on(RefundRequested event) {
        Counter.builder("aftersales_refunds_requested").description("Refunds requested, by store, SKU and kind")
                .tag("store", event.storeId()).tag("sku", event.item().sku()).tag("kind", event.kind().name()).register(registry).increment();
    }

    @EventHandler
    void on(RefundPaid event) {
        queries.find(event.refundId()).ifPresent(view -> {
            Timer.builder("aftersales_refund_time_to_paid").description("From the refund's request to its payment")
                    .publishPercentileHistogram()
                    .tag("store", view.storeId()).tag("platform", view.item().platform().name()).register(registry)
                    .record(Duration.between(view.requestedAt(), event.paidAt()));
            DistributionSummary.builder("aftersales_refunds_paid_amount")
                    .description("Money refunded (the currency is a tag, not a unit: one metric name for all)")
                    .tag("store", view.storeId()).tag("currency", event.total().currency()).register(registry)
                    .record(event.total().amount().doubleValue());
        });
    }
}
