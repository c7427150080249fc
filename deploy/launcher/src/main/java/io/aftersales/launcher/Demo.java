package io.aftersales.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./aftersales demo}: a minute of a multi-store seller's after-sales traffic against the
 * running system. Among ordinary cases (changed minds, lost parcels, fit questions, one-off
 * quality complaints) one production batch goes bad; the demo shows the product coming off sale,
 * production being alerted and the open tickets learning it, with the time each step took; then
 * one quality case from intake to closed, its refund paid by the platform sandbox, a
 * return-and-refund and a refund before shipment walked to paid, and a lost parcel reshipped at once
 * and claimed from the courier until compensated ({@link ClaimWalk}).
 * Its addresses come from the {@link ServiceTable}.
 */
final class Demo {

    private static final String TICKETS = System.getenv().getOrDefault("AFTERSALES_TICKETS_URL", ServiceTable.TICKETS.apiUrl());
    private static final String REFUNDS = System.getenv().getOrDefault("AFTERSALES_REFUNDS_URL", ServiceTable.REFUNDS.apiUrl());
    private static final String LOGISTICS_API = System.getenv().getOrDefault("AFTERSALES_LOGISTICS_URL", ServiceTable.LOGISTICS.apiUrl());
    private static final String FEEDBACK = System.getenv().getOrDefault("AFTERSALES_FEEDBACK_URL", ServiceTable.FEEDBACK.apiUrl());
    private static final String[][] STORES = {
            {"tmall-flagship", "TMALL"}, {"taobao-outlet", "TAOBAO"}, {"jd-sports-01", "JD"},
            {"pdd-discount", "PINDUODUO"}, {"douyin-live", "DOUYIN"}};
    private static final String[][] ORDINARY = {
            {"CHANGED_MIND", null}, {"SIZE_FIT", null}, {"LOGISTICS", null}, {"NO_REASON_RETURN", null},
            {"DAMAGED_PACKAGE", null}, {"QUALITY", "LOOSE_THREADS"}, {"USAGE_QUESTION", null}, {"WRONG_ITEM", null}};

    /** The agent, the supervisor and the warehouse clerk of the cases walked to the end, and their store. */
    static final String AGENT = "agent-li";
    static final String SUPERVISOR = "supervisor-wang";
    static final String WAREHOUSE = "warehouse-zhao";
    static final String LOGISTICS = "logistics-chen";
    static final String CASE_STORE = "tmall-flagship";

    private static String token;

    private Demo() {
    }

    static void run(String adminToken, String agentToken, String supervisorToken, String warehouseToken,
                    String logisticsToken) throws Exception {
        token = adminToken;
        Random random = new Random();
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String badStyle = "JK26" + run;
        String badBatch = "B2026-11-A";
        System.out.printf("%nScenario: 5 stores on 5 platforms; style %s batch %s starts fading after the first wash.%n",
                badStyle, badBatch);
        String rules = get(FEEDBACK + "/api/v1/quality/rules");
        System.out.printf("Rule (GET %s/api/v1/quality/rules): %s distinct buyers within %s on one product and batch%n%n",
                FEEDBACK, first(rules, "\"minBuyers\"\\s*:\\s*(\\d+)", "?"), first(rules, "\"window\"\\s*:\\s*\"([^\"]*)\"", "?"));

        List<String> badTickets = new ArrayList<>();
        Set<String> badBuyers = new LinkedHashSet<>();
        Instant fifthReport = null;
        int ordinary = 0;
        for (int step = 0; step < 18; step++) {
            String[] store = STORES[random.nextInt(STORES.length)];
            boolean bad = step % 3 == 2 && badBuyers.size() < 6;
            if (bad) {
                String buyer = "buyer-" + run + "-" + (badBuyers.size() + 1);
                String id = open(store, buyer, badStyle + "-BLUE-L", badStyle, badBatch, "QUALITY", "COLOUR_FADING",
                        "Colour runs after the first wash");
                badTickets.add(id);
                badBuyers.add(buyer);
                if (badBuyers.size() == 5) {
                    fifthReport = Instant.now();
                }
                System.out.printf("  %-11s %-14s QUALITY/COLOUR_FADING on %s batch %s (%s, distinct buyer %d)%n",
                        store[1], store[0], badStyle, badBatch, buyer, badBuyers.size());
            } else {
                String[] kind = ORDINARY[random.nextInt(ORDINARY.length)];
                String style = "ST" + (100 + random.nextInt(900));
                open(store, "buyer-" + UUID.randomUUID().toString().substring(0, 6), style + "-M", style,
                        "B2026-" + (10 + random.nextInt(2)) + "-" + (char) ('A' + random.nextInt(4)), kind[0], kind[1],
                        "ordinary case");
                ordinary++;
                System.out.printf("  %-11s %-14s %s%s on %s%n", store[1], store[0], kind[0],
                        kind[1] == null ? "" : "/" + kind[1], style);
            }
        }

        System.out.printf("%nOpened %d ordinary tickets and %d on the bad batch. Waiting for the system...%n",
                ordinary, badTickets.size());
        String delistings = waitFor(FEEDBACK + "/api/v1/delistings?product=" + badStyle, "\"id\"");
        long millis = Duration.between(fifthReport, Instant.now()).toMillis();
        System.out.printf("%n>> DELISTED %s in every store that sold it, %d ms after the 5th buyer's report%n", badStyle, millis);
        System.out.printf("   stores: %s%n   reason: %s%n", first(delistings, "\"storeIds\"\\s*:\\s*\\[([^\\]]*)\\]", "?"),
                first(delistings, "\"reason\"\\s*:\\s*\"([^\"]*)\"", "?"));
        String alerts = waitFor(FEEDBACK + "/api/v1/alerts?product=" + badStyle, "\"id\"");
        System.out.printf(">> PRODUCTION ALERT for batch %s: %s distinct buyers, tickets %s%n", badBatch,
                first(alerts, "\"distinctBuyers\"\\s*:\\s*(\\d+)", "?"), first(alerts, "\"ticketIds\"\\s*:\\s*\\[([^\\]]*)\\]", "?"));

        String incident = first(delistings, "\"id\"\\s*:\\s*\"([^\"]*)\"", "?");
        int marked = 0;
        for (String ticket : badTickets) {
            String body = waitFor(TICKETS + "/api/v1/tickets/" + ticket, "\"incidentId\"");
            if (body.contains(incident)) {
                marked++;
            }
        }
        System.out.printf(">> %d of %d open tickets on the batch now show the confirmed batch defect (incident %s):%n"
                + "   agents stop asking those buyers for photos.%n", marked, badTickets.size(), incident);
        agentRetries(STORES[0]);
        RefundWalk refunds = new RefundWalk(REFUNDS, agentToken, warehouseToken);
        new CaseWalk(TICKETS, agentToken, supervisorToken, refunds).run();
        refunds.run();
        new ClaimWalk(TICKETS, LOGISTICS_API, agentToken, supervisorToken, logisticsToken, warehouseToken).run();
        deadLetters();
        dashboards();

        System.out.printf("%nSee it yourself:%n  GET %s/api/v1/delistings%n  GET %s/api/v1/alerts%n  GET %s/api/v1/tickets/%s/history%n"
                + "  QA clears it with POST %s/api/v1/delistings/%s/relist {\"note\": \"...\"} (role QA)%n",
                FEEDBACK, FEEDBACK, TICKETS, badTickets.get(0), FEEDBACK, incident);
    }

    private static String open(String[] store, String buyer, String sku, String style, String batch, String category,
                               String defectType, String description) throws Exception {
        String body = "{\"storeId\":\"" + store[0] + "\",\"platform\":\"" + store[1] + "\",\"orderId\":\"O-"
                + UUID.randomUUID().toString().substring(0, 10) + "\",\"externalId\":\"AS-" + UUID.randomUUID()
                + "\",\"buyerId\":\"" + buyer + "\",\"sku\":\"" + sku + "\",\"styleCode\":\"" + style
                + "\",\"batch\":\"" + batch + "\",\"quantity\":1,\"paidAmount\":{\"amount\":\"259.00\",\"currency\":\"CNY\"},"
                + "\"category\":\"" + category + "\"" + (defectType == null ? "" : ",\"defectType\":\"" + defectType + "\"")
                + ",\"description\":\"" + description + "\"}";
        HttpResponse<String> response = ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(TICKETS + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("opening a ticket failed: " + response.statusCode() + " " + response.body());
        }
        return first(response.body(), "\"id\"\\s*:\\s*\"([^\"]*)\"", null);
    }

    /** A lost answer on a flaky line: the agent's client retries with the same Idempotency-Key and gets the same ticket. */
    private static void agentRetries(String[] store) throws Exception {
        String key = "demo-" + UUID.randomUUID();
        String body = "{\"storeId\":\"" + store[0] + "\",\"platform\":\"" + store[1] + "\",\"orderId\":\"O-"
                + UUID.randomUUID().toString().substring(0, 10) + "\",\"buyerId\":\"buyer-phone-call\",\"sku\":\"ST500-M\","
                + "\"styleCode\":\"ST500\",\"quantity\":1,\"paidAmount\":{\"amount\":\"89.00\",\"currency\":\"CNY\"},"
                + "\"category\":\"LOGISTICS\",\"description\":\"typed in by an agent during a phone call\"}";
        Instant started = Instant.now();
        HttpResponse<String> first = post("/api/v1/tickets", body, key);
        HttpResponse<String> retry = post("/api/v1/tickets", body, key);
        String firstId = first(first.body(), "\"id\"\\s*:\\s*\"([^\"]*)\"", "?");
        String retryId = first(retry.body(), "\"id\"\\s*:\\s*\"([^\"]*)\"", "?");
        System.out.printf("%n>> AGENT RETRY (no platform case id, Idempotency-Key %s): first answer %d, retry %d,%n"
                        + "   %s ticket (%s), %d ms for both%n", key, first.statusCode(), retry.statusCode(),
                firstId.equals(retryId) ? "the same" : "ANOTHER", firstId, Duration.between(started, Instant.now()).toMillis());
    }

    /** Messages that can never be processed are parked, not lost: an operator sees and re-drives them. */
    private static void deadLetters() throws Exception {
        String waiting = get(FEEDBACK + "/api/v1/admin/dead-letters");
        System.out.printf(">> DEAD LETTERS waiting at feedback-service (GET /api/v1/admin/dead-letters, role ADMIN): %s%n",
                waiting.isBlank() ? "none" : waiting);
    }

    /**
     * What the Grafana dashboards (deploy/grafana, docs/operations.md) would show now: a few of their
     * series, summed over their tags, read from each service's {@code /actuator/prometheus} as
     * Prometheus scrapes it.
     */
    private static void dashboards() throws Exception {
        Instant started = Instant.now();
        String tickets = scrape(ServiceTable.TICKETS);
        String refunds = scrape(ServiceTable.REFUNDS);
        String claims = scrape(ServiceTable.LOGISTICS);
        String quality = scrape(ServiceTable.FEEDBACK);
        System.out.printf("%n>> WHAT THE DASHBOARDS SEE (each service's /actuator/prometheus on its management port, %d ms)%n",
                Duration.between(started, Instant.now()).toMillis());
        System.out.printf("   overview   tickets opened %s, closed %s, open now %s, SLA warnings %s, breaches %s%n",
                total(tickets, "aftersales_tickets_opened_total"), total(tickets, "aftersales_tickets_closed_total"),
                total(tickets, "aftersales_tickets_open"), total(tickets, "aftersales_ticket_sla_warnings_total"),
                total(tickets, "aftersales_ticket_sla_breaches_total"));
        System.out.printf("   refunds    requested %s, paid %s (%s CNY), payouts pending %s%n",
                total(refunds, "aftersales_refunds_requested_total"), total(refunds, "aftersales_refunds_paid_amount_count"),
                total(refunds, "aftersales_refunds_paid_amount_sum"), total(refunds, "aftersales_refund_payouts_pending"));
        System.out.printf("   quality    incidents %s, delistings active %s, defect reports %s%n",
                total(quality, "aftersales_quality_incidents_total"), total(quality, "aftersales_delistings_active"),
                total(quality, "aftersales_defect_reports_total"));
        System.out.printf("   claims     open %s, outstanding %s CNY%n",
                total(claims, "aftersales_claims_open"), total(claims, "aftersales_claims_outstanding"));
        System.out.printf("   pipeline   events published %s / %s / %s / %s (tickets / refunds / logistics / feedback), dead letters %s%n",
                total(tickets, "aftersales_events_published_total"), total(refunds, "aftersales_events_published_total"),
                total(claims, "aftersales_events_published_total"), total(quality, "aftersales_events_published_total"),
                total(tickets + refunds + claims + quality, "aftersales_dead_letters"));
        System.out.println("   Dashboards and alerts: ./aftersales run --monitoring, deploy/grafana, docs/operations.md");
    }

    private static String scrape(ServiceTable.Service service) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of a series' samples over all its tags, as {@code sum(name)} would give it; "-" if no sample has it. */
    static String total(String exposition, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (!value.equals("NaN")) {
                    sum += Double.parseDouble(value);
                    found = true;
                }
            }
        }
        if (!found) {
            return "-";
        }
        return sum == Math.rint(sum) ? String.valueOf((long) sum) : String.format("%.2f", sum);
    }

    private static HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(TICKETS + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String url) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String waitFor(String url, String marker) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            String body = get(url);
            if (body.contains(marker)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing at " + url + " after 30 s: is every service running?");
    }

    private static String first(String text, String regex, String otherwise) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group(1) : otherwise;
    }
}
