package io.aftersales.launcher;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of {@code ./aftersales demo}: a lost parcel, reship first and claim later. The buyer's ticket opens a courier
 * claim in logistics-service, which holds the replacement at the warehouse (the platform sandbox) at once; the agent
 * agrees a reshipment, the warehouse ships it and the ticket is resolved; the logistics clerk files the claim with the
 * courier, who accepts and pays. Each step printed with its time and the claim's (or ticket's) new state, then the
 * courier's reconciliation of the month.
 */
final class ClaimWalk {

    static final String COURIER = "ZTO";

    private final String tickets;
    private final String logistics;
    private final String agent;
    private final String clerk;
    private final String supervisor;
    private final String warehouse;
    private int step;

    ClaimWalk(String tickets, String logistics, String agentToken, String supervisorToken, String logisticsToken,
              String warehouseToken) {
        this.tickets = tickets;
        this.logistics = logistics;
        this.agent = agentToken;
        this.supervisor = supervisorToken;
        this.clerk = logisticsToken;
        this.warehouse = warehouseToken;
    }

    void run() throws Exception {
        System.out.printf("%n>> A LOST PARCEL: RESHIP FIRST, CLAIM LATER (%s; %s the clerk, %s the warehouse):%n",
                Demo.CASE_STORE, Demo.LOGISTICS, Demo.WAREHOUSE);
        Instant started = Instant.now();
        String opened = "{\"storeId\":\"" + Demo.CASE_STORE + "\",\"platform\":\"TMALL\",\"orderId\":\"O-"
                + UUID.randomUUID().toString().substring(0, 10) + "\",\"externalId\":\"AS-" + UUID.randomUUID()
                + "\",\"buyerId\":\"buyer-" + UUID.randomUUID().toString().substring(0, 6) + "\",\"sku\":\"CT3300-CAMEL-M\","
                + "\"styleCode\":\"CT3300\",\"batch\":\"B2026-11-C\",\"quantity\":1,\"paidAmount\":{\"amount\":\"259.00\","
                + "\"currency\":\"CNY\"},\"category\":\"LOGISTICS\",\"description\":\"Tracking stuck for 6 days, parcel lost\"}";
        Instant at = Instant.now();
        String ticket = expect("the platform syncs the buyer's ticket (LOGISTICS: parcel lost, coat 259.00)",
                send(tickets, "POST", "/api/v1/tickets", agent, opened, null), 201);
        String ticketId = field(ticket, "id");
        printed(at, "the platform syncs the buyer's ticket (LOGISTICS: parcel lost, coat 259.00)", field(ticket, "status"));

        at = Instant.now();
        String claim = awaitClaim(ticketId);
        String claimId = field(claim, "id");
        printed(at, "logistics-service opens claim " + field(claim, "kind") + ", the replacement " + field(claim, "stock")
                + " at the warehouse", field(claim, "status"));

        ticket = get(tickets, "/api/v1/tickets/" + ticketId, agent);
        ticket = ticketStep(ticketId, ticket, Demo.AGENT + " claims the ticket", "claim", agent, "{}");
        ticket = ticketStep(ticketId, ticket, "proposes a reshipment (RESHIP, nothing to pay back)", "proposals", agent,
                "{\"kind\":\"RESHIP\",\"lines\":[]}");
        if ("WAITING_APPROVAL".equals(field(ticket, "status"))) {
            ticket = ticketStep(ticketId, ticket, Demo.SUPERVISOR + " approves it", "proposals/1/approval", supervisor,
                    "{\"note\":\"reship\"}");
        }
        ticketStep(ticketId, ticket, "the buyer agrees: it takes over the replacement already held", "agreement",
                agent, "{\"source\":\"AGENT\"}");
        claim = awaitClaimField(claimId, "\"resolutionNumber\"\\s*:\\s*1");

        claim = claimStep(claimId, claim, "the warehouse ships the replacement (SF)", "reshipment/shipped", warehouse,
                "{\"courier\":\"SF\",\"trackingNumber\":\"SF" + (System.nanoTime() % 10_000_000_000L) + "\"}");
        at = Instant.now();
        printed(at, "claim.reshipment-shipped reaches ticket-service: the ticket", awaitTicket(ticketId, "RESOLVED"));
        String claimNumber = COURIER + "-CL-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        claim = claimStep(claimId, claim, "files the claim with " + COURIER + " (" + claimNumber + ", 259.00)", "filing",
                clerk, "{\"courier\":\"" + COURIER + "\",\"claimNumber\":\"" + claimNumber
                        + "\",\"amountClaimed\":{\"amount\":\"259.00\",\"currency\":\"CNY\"}}");
        claim = claimStep(claimId, claim, COURIER + " accepts 240.00 (declared value less the carriage)", "acceptance",
                clerk, "{\"amountAccepted\":{\"amount\":\"240.00\",\"currency\":\"CNY\"}}");
        claimStep(claimId, claim, COURIER + " pays 240.00", "compensation", clerk,
                "{\"amountReceived\":{\"amount\":\"240.00\",\"currency\":\"CNY\"}}");

        String month = Instant.now().atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().substring(0, 7);
        String path = "/api/v1/registers/reconciliation?month=" + month + "&courier=" + COURIER;
        String reconciliation = get(logistics, path, clerk).replaceAll("\\s+", "");
        System.out.printf("   %d ms from the ticket to paid; %s's reconciliation of %s (GET %s%s):%n   %s%n",
                Duration.between(started, Instant.now()).toMillis(), COURIER, month, logistics, path, reconciliation);
    }

    private String ticketStep(String ticketId, String view, String what, String action, String bearer, String body)
            throws Exception {
        Instant at = Instant.now();
        String after = expect(what, send(tickets, "POST", "/api/v1/tickets/" + ticketId + "/" + action, bearer, body,
                "\"" + field(view, "version") + "\""), 200);
        printed(at, what, field(after, "status"));
        return after;
    }

    private String claimStep(String claimId, String view, String what, String action, String bearer, String body)
            throws Exception {
        Instant at = Instant.now();
        String after = expect(what, send(logistics, "POST", "/api/v1/claims/" + claimId + "/" + action, bearer, body,
                "\"" + lastField(view, "version") + "\""), 200);
        printed(at, what, field(after, "status") + (action.startsWith("reshipment")
                ? ", replacement shipped: " + field(after, "shipped") : ""));
        return after;
    }

    private String awaitClaim(String ticketId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String page = get(logistics, "/api/v1/claims?ticketId=" + URLEncoder.encode(ticketId, StandardCharsets.UTF_8),
                    clerk);
            if (page.contains("\"stock\"")) {
                return get(logistics, "/api/v1/claims/" + field(page, "id"), clerk);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("logistics-service opened no claim with its reshipment for ticket " + ticketId
                + " within 30 s: is it running, and the platform sandbox?");
    }

    private String awaitClaimField(String claimId, String regex) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String view = get(logistics, "/api/v1/claims/" + claimId, clerk);
            if (Pattern.compile(regex).matcher(view).find()) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("claim " + claimId + " did not take the agreed reshipment over within 30 s");
    }

    private String awaitTicket(String ticketId, String status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String view = get(tickets, "/api/v1/tickets/" + ticketId, agent);
            if (status.equals(field(view, "status"))) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("ticket " + ticketId + " is not " + status + " after 30 s: is every service running?");
    }

    private void printed(Instant started, String what, String state) {
        System.out.printf("  %2d. %5d ms  %-78s %s%n", ++step, Duration.between(started, Instant.now()).toMillis(),
                what, state);
    }

    private static String expect(String what, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String get(String base, String path, String bearer) throws Exception {
        return expect("GET " + path, send(base, "GET", path, bearer, null, null), 200);
    }

    private static HttpResponse<String> send(String base, String method, String path, String bearer, String body,
                                             String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return ServiceProcess.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first value of a field (a claim's and a ticket's own fields come before their lists). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        return matcher.find() ? matcher.group(1) : "?";
    }

    /** The last value of a field: a claim's {@code version} comes after its reshipments and history. */
    private static String lastField(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        String last = "?";
        while (matcher.find()) {
            last = matcher.group(1);
        }
        return last;
    }
}
