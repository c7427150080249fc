package io.aftersales.sandbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One payout of the ledger (guarded by the sandbox's lock). {@code request} is the canonical body
 * without {@code notifyUrl}: what a repeated {@code requestNo} must match. {@code payAt} is when a
 * {@code PROCESSING} payout is paid; {@code notifiedAt} when its notification was answered 2xx.
 */
final class Payout {

    String payoutId;
    String requestNo;
    ObjectNode request;
    String status;
    Instant requestedAt;
    Instant paidAt;
    Instant payAt;
    String notifyUrl;
    Instant notifiedAt;
    int requests;

    /** {@code POST /sandbox/v1/payouts}'s answer: {@code requestNo, payoutId, status, paidAt}. */
    ObjectNode answer(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("requestNo", requestNo);
        node.put("payoutId", payoutId);
        node.put("status", status);
        node.put("paidAt", text(paidAt));
        return node;
    }

    /** The notification's body: {@code requestNo, payoutId, status: PAID, paidAt}. */
    ObjectNode notification(ObjectMapper json) {
        return answer(json);
    }

    /** One row of {@code GET /sandbox/v1/payouts}, exactly the documented fields. */
    ObjectNode view(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("payoutId", payoutId);
        node.put("requestNo", requestNo);
        node.put("refundId", request.path("refundId").asText());
        node.put("orderId", request.path("orderId").asText());
        node.put("storeId", request.path("storeId").asText());
        node.put("platform", request.path("platform").asText());
        node.set("amount", request.path("amount").deepCopy());
        node.put("status", status);
        node.put("requestedAt", text(requestedAt));
        node.put("paidAt", text(paidAt));
        node.put("requests", requests);
        return node;
    }

    /** Everything, for the ledger. */
    ObjectNode toRecord(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("payoutId", payoutId);
        node.put("requestNo", requestNo);
        node.set("request", request);
        node.put("status", status);
        node.put("requestedAt", text(requestedAt));
        node.put("paidAt", text(paidAt));
        node.put("payAt", text(payAt));
        node.put("notifyUrl", notifyUrl);
        node.put("notifiedAt", text(notifiedAt));
        node.put("requests", requests);
        return node;
    }

    static Payout fromRecord(JsonNode node) {
        Payout payout = new Payout();
        payout.payoutId = node.path("payoutId").asText();
        payout.requestNo = node.path("requestNo").asText();
        payout.request = (ObjectNode) node.get("request");
        payout.status = node.path("status").asText();
        payout.requestedAt = instant(node.get("requestedAt"));
        payout.paidAt = instant(node.get("paidAt"));
        payout.payAt = instant(node.get("payAt"));
        payout.notifyUrl = node.hasNonNull("notifyUrl") ? node.get("notifyUrl").asText() : null;
        payout.notifiedAt = instant(node.get("notifiedAt"));
        payout.requests = node.path("requests").asInt(1);
        return payout;
    }

    static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
