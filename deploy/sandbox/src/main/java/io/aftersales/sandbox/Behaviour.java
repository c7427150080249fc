package io.aftersales.sandbox;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the sandbox answers, for one store or for every store. A field left out (null) falls back
 * to the value set for every store, then to the default: payouts {@code OK}, delay {@code PT2S},
 * cancellation {@code CANCELLED}, stock {@code HELD}, intercept {@code INTERCEPTED}.
 */
record Behaviour(String payouts, Duration delay, String cancellation, String stock, String intercept) {

    static final List<String> PAYOUTS = List.of("OK", "FAIL", "TIMEOUT_AFTER_PAYING", "LATE");
    static final List<String> CANCELLATIONS = List.of("CANCELLED", "ALREADY_SHIPPED");
    static final List<String> STOCK = List.of("HELD", "OUT_OF_STOCK");
    static final List<String> INTERCEPTS = List.of("INTERCEPTED", "FAILED");
    static final Behaviour NONE = new Behaviour(null, null, null, null, null);
    static final Behaviour DEFAULTS = new Behaviour("OK", Duration.ofSeconds(2), "CANCELLED", "HELD", "INTERCEPTED");

    /** Parses the body of {@code PUT /sandbox/v1/behaviour[/{storeId}]}; 400 naming the field when one is wrong. */
    static Behaviour parse(JsonNode body) {
        if (!body.isObject()) {
            throw Problem.badField("body", "must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("payouts", "delay", "cancellation", "stock", "intercept").contains(name)) {
                throw Problem.badField(name, "unknown field (payouts, delay, cancellation, stock, intercept)");
            }
        }
        Duration delay = null;
        JsonNode delayNode = body.get("delay");
        if (delayNode != null && !delayNode.isNull()) {
            try {
                delay = Duration.parse(delayNode.asText());
            } catch (DateTimeParseException e) {
                throw Problem.badField("delay", "must be an ISO-8601 duration such as PT2S, got '" + delayNode.asText() + "'");
            }
            if (delay.isNegative()) {
                throw Problem.badField("delay", "must not be negative");
            }
        }
        return new Behaviour(choice(body, "payouts", PAYOUTS), delay, choice(body, "cancellation", CANCELLATIONS),
                choice(body, "stock", STOCK), choice(body, "intercept", INTERCEPTS));
    }

    private static String choice(JsonNode body, String field, List<String> allowed) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            throw Problem.badField(field, "must be one of " + allowed + ", got " + node);
        }
        return node.asText();
    }

    /** This behaviour's fields, each falling back to {@code other}'s where this one has none. */
    Behaviour orElse(Behaviour other) {
        return new Behaviour(payouts != null ? payouts : other.payouts, delay != null ? delay : other.delay,
                cancellation != null ? cancellation : other.cancellation, stock != null ? stock : other.stock,
                intercept != null ? intercept : other.intercept);
    }

    ObjectNode toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("payouts", payouts);
        node.put("delay", delay == null ? null : delay.toString());
        node.put("cancellation", cancellation);
        node.put("stock", stock);
        node.put("intercept", intercept);
        return node;
    }
}
