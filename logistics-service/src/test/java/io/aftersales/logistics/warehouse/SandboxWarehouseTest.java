package io.aftersales.logistics.warehouse;

import io.aftersales.logistics.StubWarehouse;
import io.aftersales.logistics.api.ReshipmentReason;
import io.aftersales.logistics.api.StockHold;
import io.aftersales.logistics.api.Warehouse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter against the sandbox's warehouse API (docs/platform-sandbox.md), played by {@link StubWarehouse}. */
class SandboxWarehouseTest {

    private final SandboxWarehouse warehouse = new SandboxWarehouse(StubWarehouse.url(), Duration.ofSeconds(2));

    @Test
    void a_hold_sends_the_documented_request_and_reads_held_with_its_hold_id() {
        String store = "store-" + UUID.randomUUID();
        Warehouse.StockHoldResult result = warehouse.hold(new Warehouse.StockHoldRequest("claim-1-reshipment-1", store,
                "order-1", "JK2611-RED-M", 2, ReshipmentReason.EXCHANGE));

        assertThat(result).isEqualTo(new Warehouse.StockHoldResult("hold-claim-1-reshipment-1", StockHold.HELD));
        assertThat(StubWarehouse.requests(store)).singleElement().satisfies(request -> {
            assertThat(request.path("requestNo").asText()).isEqualTo("claim-1-reshipment-1");
            assertThat(request.path("orderId").asText()).isEqualTo("order-1");
            assertThat(request.path("sku").asText()).isEqualTo("JK2611-RED-M");
            assertThat(request.path("quantity").asInt()).isEqualTo(2);
            assertThat(request.path("reason").asText()).isEqualTo("EXCHANGE");
        });
    }

    @Test
    void out_of_stock_is_an_answer_not_a_failure() {
        String store = "store-" + UUID.randomUUID();
        StubWarehouse.answer(store, "OUT_OF_STOCK");
        assertThat(warehouse.hold(new Warehouse.StockHoldRequest("r-" + store, store, "o", "s", 1,
                ReshipmentReason.RESHIPMENT)).result()).isEqualTo(StockHold.OUT_OF_STOCK);
    }

    @Test
    void a_503_or_an_unreachable_warehouse_throws_so_that_nothing_is_recorded() {
        String store = "store-" + UUID.randomUUID();
        StubWarehouse.answer(store, "FAIL");
        assertThatThrownBy(() -> warehouse.hold(new Warehouse.StockHoldRequest("r-" + store, store, "o", "s", 1,
                ReshipmentReason.RESHIPMENT))).isInstanceOf(SandboxWarehouse.WarehouseUnavailable.class);
        SandboxWarehouse nowhere = new SandboxWarehouse("http://127.0.0.1:1", Duration.ofMillis(500));
        assertThatThrownBy(() -> nowhere.hold(new Warehouse.StockHoldRequest("r", store, "o", "s", 1,
                ReshipmentReason.RESHIPMENT))).isInstanceOf(SandboxWarehouse.WarehouseUnavailable.class);
    }
}
