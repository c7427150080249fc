package io.aftersales.logistics.warehouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersales.logistics.api.StockHold;
import io.aftersales.logistics.api.Warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Warehouse} port over the warehouse API of docs/platform-sandbox.md:
 * {@code POST /sandbox/v1/warehouse/stock-holds}, idempotent on {@code requestNo}. Anything but a 2xx answer
 * with a known result throws {@link WarehouseUnavailable}: the command that needed the hold records nothing and
 * is retried (a consumer's redelivery, the caller's retry with the same request number).
 */
public class SandboxWarehouse implements Warehouse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI stockHolds;
    private final Duration timeout;

    public SandboxWarehouse(String baseUrl, Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.stockHolds = URI.create(baseUrl.replaceAll("/+$", "") + "/sandbox/v1/warehouse/stock-holds");
        this.timeout = timeout;
    }

    @Override
    public StockHoldResult hold(StockHoldRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestNo", request.requestNo());
        body.put("storeId", request.storeId());
        body.put("orderId", request.orderId());
        body.put("sku", request.sku());
        body.put("quantity", request.quantity());
        body.put("reason", request.reason().name());
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(stockHolds).timeout(timeout)
                            .header("Content-Type", "application/json").header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new WarehouseUnavailable("the warehouse answered " + response.statusCode() + " to hold "
                        + request.requestNo());
            }
            JsonNode answer = JSON.readTree(response.body());
            String result = answer.path("result").asText("");
            StockHold hold = switch (result) {
                case "HELD" -> StockHold.HELD;
                case "OUT_OF_STOCK" -> StockHold.OUT_OF_STOCK;
                default -> throw new WarehouseUnavailable("the warehouse answered an unknown result '" + result
                        + "' to hold " + request.requestNo());
            };
            String holdId = answer.path("holdId").isTextual() ? answer.get("holdId").asText() : null;
            return new StockHoldResult(holdId, hold);
        } catch (IOException e) {
            throw new WarehouseUnavailable("the warehouse could not be reached to hold " + request.requestNo(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WarehouseUnavailable("interrupted while holding " + request.requestNo(), e);
        }
    }

    /** The warehouse did not answer a hold usably: nothing is recorded, the caller retries. */
    public static class WarehouseUnavailable extends RuntimeException {

        public WarehouseUnavailable(String message) {
            super(message);
        }

        public WarehouseUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
