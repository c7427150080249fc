package io.aftersales.sandbox;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One warehouse or courier request (a cancellation, a stock hold or an intercept) with the answer
 * it got, guarded by the sandbox's lock. {@code request} is the canonical body a repeated
 * {@code requestNo} must match; {@code releasedAt} is set on a stock hold once it is released.
 */
final class Operation {

    String kind;
    String requestNo;
    ObjectNode request;
    ObjectNode answer;
    Instant requestedAt;
    Instant releasedAt;
    int requests;

    /** One row of the listing: the request's fields, the answer's, requestedAt, requests (and releasedAt for holds). */
    ObjectNode view(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.setAll(request.deepCopy());
        node.setAll(answer.deepCopy());
        node.put("requestedAt", Payout.text(requestedAt));
        if (kind.equals(PlatformSandbox.STOCK_HOLD)) {
            node.put("releasedAt", Payout.text(releasedAt));
        }
        node.put("requests", requests);
        return node;
    }

    ObjectNode toRecord(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("kind", kind);
        node.put("requestNo", requestNo);
        node.set("request", request);
        node.set("answer", answer);
        node.put("requestedAt", Payout.text(requestedAt));
        node.put("releasedAt", Payout.text(releasedAt));
        node.put("requests", requests);
        return node;
    }

    static Operation fromRecord(JsonNode node) {
        Operation operation = new Operation();
        operation.kind = node.path("kind").asText();
        operation.requestNo = node.path("requestNo").asText();
        operation.request = (ObjectNode) node.get("request");
        operation.answer = (ObjectNode) node.get("answer");
        operation.requestedAt = Payout.instant(node.get("requestedAt"));
        operation.releasedAt = Payout.instant(node.get("releasedAt"));
        operation.requests = node.path("requests").asInt(1);
        return operation;
    }
}
