package io.aftersales.logistics.warehouse;

import io.aftersales.logistics.LogisticsServiceIT;
import io.aftersales.logistics.api.ReshipmentReason;
import io.aftersales.logistics.api.StockHold;
import io.aftersales.logistics.api.Warehouse;
import io.aftersales.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against the warehouse API of the platform sandbox in this JVM (docs/platform-sandbox.md). */
class SandboxWarehouseTest {

    private final SandboxWarehouse warehouse = new SandboxWarehouse(TestInfrastructure.sandboxUrl(), Duration.ofSeconds(2));

    @Test
    void a_hold_sends_the_documented_request_and_reads_held_with_its_hold_id() {
        String store = "store-" + UUID.randomUUID();
        String requestNo = "claim-" + store + "-reshipment-1";
        Warehouse.StockHoldResult result = warehouse.hold(new Warehouse.StockHoldRequest(requestNo, store,
                "order-1", "JK2611-RED-M", 2, ReshipmentReason.EXCHANGE));

        assertThat(result.result()).isEqualTo(StockHold.HELD);
        assertThat(LogisticsServiceIT.stockHolds(store)).singleElement().satisfies(hold -> {
            assertThat(hold.path("holdId").asText()).isEqualTo(result.holdId()).isNotBlank();
            assertThat(hold.path("requestNo").asText()).isEqualTo(requestNo);
            assertThat(hold.path("orderId").asText()).isEqualTo("order-1");
            assertThat(hold.path("sku").asText()).isEqualTo("JK2611-RED-M");
            assertThat(hold.path("quantity").asInt()).isEqualTo(2);
            assertThat(hold.path("reason").asText()).isEqualTo("EXCHANGE");
            assertThat(hold.path("result").asText()).isEqualTo("HELD");
        });
    }

    @Test
    void out_of_stock_is_an_answer_not_a_failure() {
        String store = "store-" + UUID.randomUUID();
        LogisticsServiceIT.behave(store, "{\"stock\":\"OUT_OF_STOCK\"}");
        assertThat(warehouse.hold(new Warehouse.StockHoldRequest("r-" + store, store, "o", "s", 1,
                ReshipmentReason.RESHIPMENT)).result()).isEqualTo(StockHold.OUT_OF_STOCK);
    }

    @Test
    void a_refused_request_or_an_unreachable_warehouse_throws_so_that_nothing_is_recorded() {
        String store = "store-" + UUID.randomUUID();
        // the sandbox answers 400 (problem+json) to a quantity below 1: any answer but 2xx is a failure
        assertThatThrownBy(() -> warehouse.hold(new Warehouse.StockHoldRequest("r-" + store, store, "o", "s", 0,
                ReshipmentReason.RESHIPMENT))).isInstanceOf(SandboxWarehouse.WarehouseUnavailable.class)
                .hasMessageContaining("400");
        assertThat(LogisticsServiceIT.stockHolds(store)).isEmpty();
        SandboxWarehouse nowhere = new SandboxWarehouse("http://127.0.0.1:1", Duration.ofMillis(500));
        assertThatThrownBy(() -> nowhere.hold(new Warehouse.StockHoldRequest("r", store, "o", "s", 1,
                ReshipmentReason.RESHIPMENT))).isInstanceOf(SandboxWarehouse.WarehouseUnavailable.class);
    }
}
