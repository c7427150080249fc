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
 * Part of {@code ./aftersales demo}: one quality case worked from intake to closed, the way an agent
 * and a supervisor do it, each step printed with its time and the ticket's new state. The agreed
 * goodwill becomes a refund in refund-service; the seller agrees it, the platform sandbox pays it and
 * its {@code refund.paid} resolves the ticket.
 */
final class CaseWalk {

    private final String tickets;
    private final String agent;
    private final String supervisor;
    private final RefundWalk refunds;
    private String ticket;
    private long version;
    private int step;

    CaseWalk(String tickets, String agentToken, String supervisorToken, RefundWalk refunds) {
        this.tickets = tickets;
        this.agent = agentToken;
        this.supervisor = supervisorToken;
        this.refunds = refunds;
    }

    void run() throws Exception {
        System.out.printf("%n>> ONE CASE FROM INTAKE TO CLOSED (%s of %s, %s approving):%n", Demo.AGENT,
                Demo.CASE_STORE, Demo.SUPERVISOR);
        Instant started = Instant.now();
        String buyer = "buyer-" + UUID.randomUUID().toString().substring(0, 6);
        String opened = "{\"storeId\":\"" + Demo.CASE_STORE + "\",\"platform\":\"TMALL\",\"orderId\":\"O-"
                + UUID.randomUUID().toString().substring(0, 10) + "\",\"externalId\":\"AS-" + UUID.randomUUID()
                + "\",\"buyerId\":\"" + buyer + "\",\"sku\":\"CT3300-CAMEL-M\",\"styleCode\":\"CT3300\","
                + "\"batch\":\"B2026-11-C\",\"quantity\":1,\"paidAmount\":{\"amount\":\"259.00\",\"currency\":\"CNY\"},"
                + "\"signedAt\":\"" + Instant.now().minus(Duration.ofDays(1)) + "\",\"category\":\"QUALITY\","
                + "\"defectType\":\"OPEN_SEAM\",\"description\":\"Seam opened at the left pocket\"}";
        String view = step("the platform syncs the buyer's complaint (QUALITY/OPEN_SEAM, coat paid 259.00)",
                "POST", "/api/v1/tickets", agent, opened, 201);
        ticket = field(view, "id");
        step(Demo.AGENT + " claims it from the store's pool", "POST", path("claim"), agent, "{}", 200);
        step("replies on the platform chat (the first-reply clock stops)", "POST", path("replies"), agent,
                "{\"channel\":\"PLATFORM_CHAT\",\"text\":\"Sorry about the seam! Could you send two photos?\"}", 200);
        view = step("assesses it: signed for yesterday, not worn", "POST", path("quality-assessment"), agent,
                "{\"worn\":false}", 200);
        System.out.printf("       verification: %s%n", field(view, "verification"));
        step("the buyer's photos arrive (archived under " + buyer + ")", "POST", path("evidence"), agent,
                "{\"evidence\":[{\"kind\":\"PHOTO\",\"ref\":\"" + buyer + "/seam-1.jpg\"},{\"kind\":\"PHOTO\","
                        + "\"ref\":\"" + buyer + "/seam-2.jpg\"}]}", 200);
        step("verifies the defect on the photos", "POST", path("quality-verification"), agent,
                "{\"note\":\"seam open 4 cm, visible on both photos\"}", 200);
        view = step("proposes 40.00 goodwill, the buyer keeps the coat (above the agent's 29.00)", "POST",
                path("proposals"), agent, "{\"kind\":\"PARTIAL_REFUND\",\"lines\":[{\"type\":\"GOODWILL\","
                        + "\"amount\":{\"amount\":\"40.00\",\"currency\":\"CNY\"},\"note\":\"keeps the coat\"}]}", 200);
        Matcher goodwill = Pattern.compile("\"rule\"\\s*:\\s*\"goodwill-cap\".*?\"explanation\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(view);
        System.out.printf("       policy: %s (%s)%n", field(view, "outcome"), goodwill.find() ? goodwill.group(1) : "?");
        step(Demo.SUPERVISOR + " approves it", "POST", path("proposals/1/approval"), supervisor,
                "{\"note\":\"loyal buyer, fair offer\"}", 200);
        step("the buyer accepts (told to the agent)", "POST", path("agreement"), agent, "{\"source\":\"AGENT\"}", 200);

        Instant agreed = Instant.now();
        String refund = refunds.refundOfTicket(ticket);
        System.out.printf("  %2d. %5d ms  %-78s %s%n", ++step, Duration.between(agreed, Instant.now()).toMillis(),
                "refund-service opened the refund from the agreed resolution (" + refund.substring(0, 8) + ")",
                refunds.statusOf(refund));
        step = refunds.walkToPaid(refund, step);
        Instant paid = Instant.now();
        view = waitForStatus("RESOLVED");
        version = Long.parseLong(field(view, "version"));
        System.out.printf("  %2d. %5d ms  %-78s %s%n", ++step, Duration.between(paid, Instant.now()).toMillis(),
                "aftersales.refund.paid.v1 reaches ticket-service: the ticket", field(view, "status"));
        step("closes it; the satisfaction survey goes out", "POST", path("close"), agent, "{}", 200);
        step("the buyer's score comes back: 5", "POST", path("satisfaction"), agent,
                "{\"score\":5,\"comment\":\"quick and fair\"}", 200);
        String history = send("GET", path("history"), agent, null, null).body();
        System.out.printf("   %d ms from intake to the buyer's score; the history lists %d steps, each with its actor:%n"
                        + "   GET %s%s%n", Duration.between(started, Instant.now()).toMillis(),
                count(history, "\"sequence\""), tickets, path("history"));
    }

    /** One action: sends it against the version last seen (If-Match), prints its time and the new state. */
    private String step(String what, String method, String path, String bearer, String body, int expected)
            throws Exception {
        Instant started = Instant.now();
        HttpResponse<String> response = send(method, path, bearer, body, ticket == null ? null : "\"" + version + "\"");
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
        version = Long.parseLong(field(response.body(), "version"));
        System.out.printf("  %2d. %5d ms  %-78s %s%n", ++step, Duration.between(started, Instant.now()).toMillis(),
                what, field(response.body(), "status"));
        return response.body();
    }

    private String waitForStatus(String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String view = send("GET", "/api/v1/tickets/" + ticket, agent, null, null).body();
            if (status.equals(field(view, "status"))) {
                return view;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("ticket " + ticket + " is not " + status + " after 30 s: is every service running?");
    }

    private HttpResponse<String> send(String method, String path, String bearer, String body, String ifMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tickets + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return ServiceProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String path(String action) {
        return "/api/v1/tickets/" + ticket + "/" + action;
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    private static int count(String text, String marker) {
        int count = 0;
        for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
            count++;
        }
        return count;
    }
}
