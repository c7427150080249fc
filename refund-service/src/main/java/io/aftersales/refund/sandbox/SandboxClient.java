package io.aftersales.refund.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.refund.api.Courier;
import io.aftersales.refund.api.Interception;
import io.aftersales.refund.api.PayoutAnswer;
import io.aftersales.refund.api.PayoutOrder;
import io.aftersales.refund.api.RefundPayouts;
import io.aftersales.refund.api.ShipmentCancellation;
import io.aftersales.refund.api.Warehouse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The ports {@link RefundPayouts}, {@link Warehouse} and {@link Courier} over HTTP to the platform
 * sandbox (docs/platform-sandbox.md), the stand-in for the platforms' refund APIs, the warehouse
 * system and the couriers. Every request carries the refund id as its {@code requestNo}, so a
 * retry is the same request to the other side. Any answer other than 2xx, a timeout or an
 * unreachable sandbox throws {@link SandboxUnavailable}: the caller records nothing and retries.
 */
public class SandboxClient implements RefundPayouts, Warehouse, Courier {

    private final HttpClient http;
    private final URI base;
    private final Supplier<String> notifyUrl;
    private final Duration timeout;
    private final ObjectMapper json;
    private final PayoutFaultInjection faults;

    public SandboxClient(URI base, Supplier<String> notifyUrl, Duration connectTimeout, Duration timeout, ObjectMapper json) {
        this(base, notifyUrl, connectTimeout, timeout, json, PayoutFaultInjection.off());
    }

    /** With a test hook that halts the process at a step of the payout path ({@link PayoutFaultInjection}). */
    public SandboxClient(URI base, Supplier<String> notifyUrl, Duration connectTimeout, Duration timeout, ObjectMapper json,
                         PayoutFaultInjection faults) {
        this.faults = faults;
        this.base = base;
        this.notifyUrl = notifyUrl;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    @Override
    public PayoutAnswer requestPayout(PayoutOrder order) {
        ObjectNode body = json.createObjectNode()
                .put("requestNo", order.idempotencyKey())
                .put("platform", order.item().platform().name())
                .put("storeId", order.storeId())
                .put("orderId", order.orderId())
                .put("refundId", order.idempotencyKey());
        body.putObject("amount").put("amount", order.total().amount().toPlainString())
                .put("currency", order.total().currency());
        String notify = notifyUrl.get();
        if (notify != null && !notify.isBlank()) {
            body.put("notifyUrl", notify);
        }
        faults.reached(PayoutFaultInjection.Step.BEFORE_ASKING, order.idempotencyKey(), order.storeId());
        JsonNode answer = post("/sandbox/v1/payouts", body);
        faults.reached(PayoutFaultInjection.Step.AFTER_ASKING_BEFORE_RECORDING, order.idempotencyKey(), order.storeId());
        // registered now, run once the refund's events are committed (the unit of work this call is part of)
        faults.reached(PayoutFaultInjection.Step.AFTER_RECORDING_BEFORE_PUBLISHING, order.idempotencyKey(), order.storeId());
        return "PAID".equals(answer.path("status").asText())
                ? PayoutAnswer.confirmed(answer.path("payoutId").asText())
                : PayoutAnswer.pending();
    }

    @Override
    public ShipmentCancellation cancelShipment(String refundId, String storeId, String orderId, String orderLineId) {
        JsonNode answer = post("/sandbox/v1/warehouse/cancellations", json.createObjectNode()
                .put("requestNo", refundId).put("storeId", storeId).put("orderId", orderId));
        if ("CANCELLED".equals(answer.path("result").asText())) {
            return ShipmentCancellation.cancelledInTime();
        }
        return ShipmentCancellation.alreadyShipped(text(answer, "courier"), text(answer, "trackingNumber"));
    }

    @Override
    public Interception intercept(String refundId, String courier, String trackingNumber) {
        return intercept(refundId, null, courier, trackingNumber);
    }

    /** The platform's intercept API takes the store that shipped the parcel (its couriers are per store). */
    @Override
    public Interception intercept(String refundId, String storeId, String courier, String trackingNumber) {
        JsonNode answer = post("/sandbox/v1/couriers/intercepts", json.createObjectNode()
                .put("requestNo", refundId).put("storeId", storeId).put("courier", courier)
                .put("trackingNumber", trackingNumber));
        return "INTERCEPTED".equals(answer.path("result").asText()) ? Interception.succeeded()
                : Interception.failed("the courier could not intercept the parcel");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private JsonNode post(String path, JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new SandboxUnavailable("POST " + path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new SandboxUnavailable("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxUnavailable("POST " + path + " interrupted", e);
        }
    }

    /** The sandbox did not answer with 2xx in time: nothing is known to have happened; retry. */
    public static class SandboxUnavailable extends RuntimeException {
        public SandboxUnavailable(String message) {
            super(message);
        }

        public SandboxUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
