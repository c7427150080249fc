package io.aftersales.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of {@code ./aftersales demo}: refunds worked in refund-service, each step printed with its time
 * and the refund's new state, paid by the platform sandbox (the stand-in for the platforms' refund
 * APIs and the warehouse). The quality case's refund ({@link CaseWalk}), then a return-and-refund
 * (shipped back, received and checked by the warehouse) and a refund before shipment (the warehouse
 * cancels the parcel), both as the platform syncs them.
 */
final class RefundWalk {

    private final String refunds;
    private final String agent;
    private final String warehouse;

    RefundWalk(String refunds, String agentToken, String warehouseToken) {
        this.refunds = refunds;
        this.agent = agentToken;
        this.warehouse = warehouseToken;
    }

    /** The refund refund-service opened from the ticket's agreed resolution (its list, filtered by store). */
    String refundOfTicket(String ticket) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Pattern item = Pattern.compile("\\{\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*\"ticketId\"\\s*:\\s*\"" + Pattern.quote(ticket) + "\"");
        while (Instant.now().isBefore(deadline)) {
            Matcher found = item.matcher(send("GET", "/api/v1/refunds?storeId=" + Demo.CASE_STORE + "&size=50", agent,
                    null, null).body());
            if (found.find()) {
                return found.group(1);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("refund-service opened no refund for ticket " + ticket
                + " within 30 s: is it running?");
    }

    String statusOf(String refund) throws Exception {
        return field(get(refund), "status");
    }

    /** The seller agrees a refund only: approved, asked of the platform, paid. Returns the last step's number. */
    int walkToPaid(String refund, int step) throws Exception {
        String view = get(refund);
        step = action(step, refund, view, "the seller agrees the refund (counted on the order line)", "agree", agent, null);
        return awaitPaid(step, refund);
    }

    /** A return-and-refund and a refund before shipment, as the platform syncs them, each walked to PAID. */
    void run() throws Exception {
        System.out.printf("%n>> A RETURN AND REFUND (the platform's request, %s; the warehouse checks the goods):%n",
                Demo.CASE_STORE);
        Instant started = Instant.now();
        int step = 0;
        String view = open("the return request",
                "RETURN_AND_REFUND", "259.00");
        String refund = field(view, "id");
        step = printed(step, started, "the buyer's request, from the platform sync", view);
        view = get(refund);
        step = action(step, refund, view, "the seller agrees; the buyer gets the return address", "agree", agent, null);
        step = action(step, refund, get(refund), "the buyer ships it back (SF, express)", "return-shipped", agent,
                "{\"courier\":\"SF\",\"trackingNumber\":\"SF" + (System.nanoTime() % 10_000_000_000L) + "\"}");
        step = action(step, refund, get(refund), "the warehouse receives the parcel", "receive", warehouse,
                "{\"warehouseId\":\"HZ-3\"}");
        step = action(step, refund, get(refund), "the warehouse's QC passes it (restock)", "qc", warehouse,
                "{\"passed\":true,\"disposition\":\"RESTOCK\"}");
        awaitPaid(step, refund);
        System.out.printf("   %d ms from the request to paid; GET %s/api/v1/refunds/%s%n",
                Duration.between(started, Instant.now()).toMillis(), refunds, refund);

        System.out.printf("%n>> A REFUND BEFORE SHIPMENT (the buyer cancels an order the warehouse still holds):%n");
        started = Instant.now();
        step = 0;
        view = open("the cancellation", "BEFORE_SHIPMENT", "189.00");
        refund = field(view, "id");
        step = printed(step, started, "the buyer's request, from the platform sync", view);
        step = action(step, refund, get(refund), "the seller agrees; the warehouse is asked to cancel the parcel",
                "agree", agent, null);
        awaitPaid(step, refund);
        System.out.printf("   %d ms from the request to paid (GET %s/sandbox/v1/warehouse/cancellations lists it)%n",
                Duration.between(started, Instant.now()).toMillis(), System.getenv().getOrDefault("AFTERSALES_SANDBOX_URL",
                        "http://localhost:" + ServiceTable.SANDBOX_PORT));
    }

    private String open(String what, String kind, String amount) throws Exception {
        String body = "{\"platform\":\"TMALL\",\"externalRefundId\":\"TM-RF-" + UUID.randomUUID() + "\",\"storeId\":\""
                + Demo.CASE_STORE + "\",\"orderId\":\"O-" + UUID.randomUUID().toString().substring(0, 10)
                + "\",\"buyerId\":\"buyer-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"sku\":\"JK2611-RED-M\","
                + "\"product\":\"JK2611\",\"batch\":\"B2026-11-B\",\"kind\":\"" + kind + "\",\"paidForLine\":"
                + "{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"},\"lines\":[{\"type\":\"GOODS\",\"amount\":"
                + "{\"amount\":\"" + amount + "\",\"currency\":\"CNY\"}}]}";
        HttpResponse<String> response = send("POST", "/api/v1/refunds", agent, body, null);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private int printed(int step, Instant started, String what, String view) {
        System.out.printf("  %2d. %5d ms  %-78s %s%n", ++step, Duration.between(started, Instant.now()).toMillis(),
                what, field(view, "status"));
        return step;
    }

    /** One action against the version last seen (If-Match): prints its time and the refund's new state. */
    private int action(int step, String refund, String view, String what, String action, String bearer, String body)
            throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> response = send("POST", "/api/v1/refunds/" + refund + "/" + action, bearer, body,
                "\"" + field(view, "version") + "\"");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
        return printed(step, started, what, response.body());
    }

    private int awaitPaid(int step, String refund) throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String view = get(refund);
            if ("PAID".equals(field(view, "status"))) {
                return printed(step, started, "the platform sandbox pays it (asked once, the refund id its requestNo)",
                        view);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("refund " + refund + " is not PAID after 30 s: is the platform sandbox running?");
    }

    private String get(String refund) throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/refunds/" + refund, agent, null, null);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET refund " + refund + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(refunds + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return ServiceProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first value of a field: in a refund's view, the refund's own (it comes before the ledger and history). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }
}
