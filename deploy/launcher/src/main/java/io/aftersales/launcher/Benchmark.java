package io.aftersales.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./aftersales bench}: measures the running system from outside, as a client would.
 * <ol>
 *   <li>Ticket intake: N tickets (a realistic mix, one in three a quality complaint) from C
 *       concurrent clients; throughput and latency percentiles of {@code POST /api/v1/tickets}.</li>
 *   <li>Batch-defect reaction: B bursts of five buyers on a fresh product and batch; the time from
 *       the fifth report's answer to the delisting being readable at {@code GET /api/v1/delistings}.</li>
 * </ol>
 * Arguments {@code [tickets=2000] [clients=8] [bursts=20]}; addresses from the {@link ServiceTable}.
 * Progress goes to stderr, results to stdout.
 */
final class Benchmark {

    private static final String TICKETS = System.getenv().getOrDefault("AFTERSALES_TICKETS_URL", ServiceTable.TICKETS.apiUrl());
    private static final String FEEDBACK = System.getenv().getOrDefault("AFTERSALES_FEEDBACK_URL", ServiceTable.FEEDBACK.apiUrl());
    private static final String[] CATEGORIES = {"CHANGED_MIND", "SIZE_FIT", "QUALITY", "LOGISTICS", "NO_REASON_RETURN", "QUALITY"};

    private static String token;

    private Benchmark() {
    }

    static void run(String bearerToken, String[] args) throws Exception {
        token = bearerToken;
        int tickets = argument(args, 0, "tickets", 2000);
        int clients = argument(args, 1, "clients", 8);
        int bursts = argument(args, 2, "bursts", 20);
        String run = UUID.randomUUID().toString().substring(0, 6);

        warmUp(run);
        intake(run, tickets, clients);
        batchDefectReaction(run, bursts);
    }

    private static int argument(String[] args, int index, String name, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage: ./aftersales bench [tickets=2000] [clients=8] [bursts=20]; "
                    + name + " must be a number, got '" + args[index] + "'");
        }
    }

    private static void warmUp(String run) throws Exception {
        System.err.println("warming up (200 tickets)...");
        for (int i = 0; i < 200; i++) {
            open("warm-" + run + "-" + i, "WARM" + (i % 20), "W1", "CHANGED_MIND");
        }
    }

    private static void intake(String run, int tickets, int clients) throws Exception {
        System.err.printf("intake: %d tickets from %d clients...%n", tickets, clients);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>(tickets));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < tickets) {
                    long t0 = System.nanoTime();
                    open("buyer-" + run + "-" + i, "ST" + run + (i % 400), "B" + (i % 7), CATEGORIES[i % CATEGORIES.length]);
                    latencies.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("intake      %d tickets, %d clients: %.0f tickets/s; latency ms p50 %s p90 %s p99 %s max %s%n",
                tickets, clients, tickets / seconds, ms(latencies, 50), ms(latencies, 90), ms(latencies, 99), ms(latencies, 100));
    }

    private static void batchDefectReaction(String run, int bursts) throws Exception {
        System.err.printf("batch-defect reaction: %d bursts of 5 buyers...%n", bursts);
        List<Long> reactions = new ArrayList<>();
        for (int b = 0; b < bursts; b++) {
            String product = "BD" + run + b;
            for (int buyer = 1; buyer <= 5; buyer++) {
                open("buyer-" + product + "-" + buyer, product, "B-BENCH", "QUALITY");
            }
            long t0 = System.nanoTime();
            while (!get(FEEDBACK + "/api/v1/delistings?product=" + product).contains("\"id\"")) {
                if (System.nanoTime() - t0 > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("no delisting for " + product + " after 30 s");
                }
                Thread.sleep(5);
            }
            reactions.add(System.nanoTime() - t0);
        }
        System.out.printf("delisting   %d bursts: 5th report answered -> delisting readable, ms p50 %s p90 %s max %s%n",
                bursts, ms(reactions, 50), ms(reactions, 90), ms(reactions, 100));
    }

    private static void open(String buyer, String style, String batch, String category) throws Exception {
        String body = "{\"storeId\":\"bench-store-" + (Math.abs(buyer.hashCode()) % 5) + "\",\"platform\":\"TMALL\","
                + "\"orderId\":\"O-" + UUID.randomUUID() + "\",\"externalId\":\"AS-" + UUID.randomUUID() + "\","
                + "\"buyerId\":\"" + buyer + "\",\"sku\":\"" + style + "-M\",\"styleCode\":\"" + style + "\","
                + "\"batch\":\"" + batch + "\",\"quantity\":1,\"paidAmount\":{\"amount\":\"99.00\",\"currency\":\"CNY\"},"
                + "\"category\":\"" + category + "\"" + ("QUALITY".equals(category) ? ",\"defectType\":\"STAIN\"" : "") + "}";
        HttpResponse<String> response = ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(TICKETS + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("intake failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static String get(String url) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String ms(List<Long> nanos, int percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
        return String.format("%.1f", sorted.get(Math.max(0, index)) / 1e6);
    }
}
