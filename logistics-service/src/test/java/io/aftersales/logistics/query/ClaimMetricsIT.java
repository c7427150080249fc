package io.aftersales.logistics.query;

import io.aftersales.logistics.LogisticsServiceIT;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static org.awaitility.Awaitility.await;

/** The claim gauges follow the read model: open claims by courier and age, outstanding, pending reshipments, wrong shipments. */
class ClaimMetricsIT extends LogisticsServiceIT {

    @Autowired
    private MeterRegistry registry;

    @Test
    void the_gauges_count_open_claims_outstanding_amounts_pending_reshipments_and_wrong_shipments() {
        String courier = "C" + Long.toString(Math.abs(new Random().nextLong()), 36).toUpperCase();
        String warehouse = "WH-" + courier;
        String lost = (String) openClaim("LOST").get("id");
        act(lost, "filing", Map.of("courier", courier, "claimNumber", "N1", "amountClaimed", cny("120.00")));
        String accepted = (String) openClaim("DAMAGED").get("id");
        act(accepted, "filing", Map.of("courier", courier, "claimNumber", "N2", "amountClaimed", cny("80.00")));
        act(accepted, "acceptance", Map.of("amountAccepted", cny("50.00")));
        String short_ = (String) openClaim("SHORT_DELIVERY").get("id");
        act(short_, "weighing", Map.of("slipWeightGrams", 900, "measuredWeightGrams", 900));
        act(short_, "wrong-shipment", Map.of("skuSent", "JK2611-RED-L", "quantity", 1, "warehouse", warehouse));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            org.assertj.core.api.Assertions.assertThat(value("aftersales.claims.open", "courier", courier, "age", "under_2d"))
                    .isEqualTo(2.0);
            org.assertj.core.api.Assertions.assertThat(value("aftersales.claims.outstanding", "courier", courier,
                    "currency", "CNY")).isEqualTo(170.0);
            org.assertj.core.api.Assertions.assertThat(value("aftersales.claims.wrong.shipments", "warehouse", warehouse))
                    .isEqualTo(1.0);
            org.assertj.core.api.Assertions.assertThat(value("aftersales.claims.reshipments.pending", "stock", "HELD"))
                    .isGreaterThanOrEqualTo(3.0);
        });
    }

    private double value(String name, String... tags) {
        Gauge gauge = registry.find(name).tags(tags).gauge();
        return gauge == null ? -1 : gauge.value();
    }
}
