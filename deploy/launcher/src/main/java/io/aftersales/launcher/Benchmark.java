package io.aftersales.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
 *   <li>Ceiling: the same C clients send an intake request that fails validation (400): the same
 *       path, body size, JWT check and JSON parsing, no command; what HTTP and security alone
 *       allow on this machine.</li>
 *   <li>Ticket intake: N tickets (a realistic mix, one in three a quality complaint) from C
 *       concurrent clients; throughput, latency percentiles, the ratio to the ceiling, and for
 *       runs of 20,000 tickets or more the throughput of every 10,000 (the last against the first).</li>
 *   <li>Batch-defect reaction under that load: B bursts of five buyers on a fresh product and batch,
 *       spread evenly over the intake run; the time from the fifth report's answer to the
 *       delisting being readable at {@code GET /api/v1/delistings}.</li>
 * </ol>
 * Arguments {@code [tickets=2000] [clients=16] [bursts=20] [styles=400]}; addresses from the
 * {@link ServiceTable}. The intake's tickets spread over {@code styles} styles of 7 batches each:
 * with the default 400, every one of the 2,800 batches has had 5 quality complaints from distinct
 * buyers by about 42,000 tickets, so every batch becomes a batch-defect incident (the storm runs
 * of docs/benchmarks.md); with 20,000, only the bursts' batches do.
 * Progress goes to stderr (every {@value #PROGRESS_SECONDS} s), results to stdout.
 */
final class Benchmark {

    private static final String TICKETS = System.getenv().getOrDefault("AFTERSALES_TICKETS_URL", ServiceTable.TICKETS.apiUrl());
    private static final String FEEDBACK = System.getenv().getOrDefault("AFTERSALES_FEEDBACK_URL", ServiceTable.FEEDBACK.apiUrl());
    private static final String[] CATEGORIES = {"CHANGED_MIND", "SIZE_FIT", "QUALITY", "LOGISTICS", "NO_REASON_RETURN", "QUALITY"};
    private static final int SEGMENT = 10_000;
    private static final int PROGRESS_SECONDS = 5;
    /** How long a burst waits for its delisting before it is counted as missed. */
    private static final Duration MAX_REACTION = Duration.ofSeconds(60);

    private static String token;

    private Benchmark() {
    }

    static void run(String bearerToken, String[] args) throws Exception {
        token = bearerToken;
        int tickets = argument(args, 0, "tickets", 2000);
        int clients = argument(args, 1, "clients", 16);
        int bursts = argument(args, 2, "bursts", 20);
        int styles = argument(args, 3, "styles", 400);
        String run = UUID.randomUUID().toString().substring(0, 6);

        warmUp(run, clients);
        double ceiling = ceiling(clients, Math.max(2000, Math.min(tickets, 5000)));
        intake(run, tickets, clients, bursts, styles, ceiling);
    }

    private static int argument(String[] args, int index, String name, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage: ./aftersales bench [tickets=2000] [clients=16] [bursts=20] [styles=400]; "
                    + name + " must be a number, got '" + args[index] + "'");
        }
    }

    private static void warmUp(String run, int clients) throws Exception {
        System.err.printf("warming up (400 tickets, 2000 invalid requests, %d clients)...%n", clients);
        concurrently(clients, 400, i -> open("warm-" + run + "-" + i, "WARM" + (i % 20), "W1", "CHANGED_MIND"));
        concurrently(clients, 2000, i -> invalid());
    }

    /** Requests per second of an intake that fails validation: HTTP, JWT and JSON without a command. */
    private static double ceiling(int clients, int requests) throws Exception {
        System.err.printf("ceiling: %d invalid intake requests (400) from %d clients...%n", requests, clients);
        long[] latencies = new long[requests];
        long started = System.nanoTime();
        concurrently(clients, requests, i -> {
            long t0 = System.nanoTime();
            invalid();
            latencies[i] = System.nanoTime() - t0;
        });
        double rate = requests / ((System.nanoTime() - started) / 1e9);
        System.out.printf("ceiling     %d requests, %d clients: %.0f requests/s; latency ms %s (HTTP + JWT + JSON, 400 before any command)%n",
                requests, clients, rate, percentiles(latencies));
        return rate;
    }

    private static void intake(String run, int tickets, int clients, int bursts, int styles, double ceiling)
            throws Exception {
        System.err.printf("intake: %d tickets of %d styles from %d clients, %d delisting bursts during it...%n",
                tickets, styles, clients, bursts);
        long[] latencies = new long[tickets];
        long[] finished = new long[tickets];
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        List<Long> reactionTimes = Collections.synchronizedList(new ArrayList<>());
        Throwable[] reactionFailure = new Throwable[1];
        AtomicInteger missed = new AtomicInteger();
        Thread reactions = new Thread(() -> {
            try {
                batchDefectReaction(run, tickets, bursts, done, reactionTimes, missed);
            } catch (Throwable e) {
                reactionFailure[0] = e;
            }
        }, "bench-delisting");
        reactions.setDaemon(true);
        reactions.start();
        Thread progress = new Thread(() -> {
            int last = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(PROGRESS_SECONDS * 1000L);
                } catch (InterruptedException e) {
                    return;
                }
                int now = done.get();
                System.err.printf("    %d/%d tickets, %.0f tickets/s in the last %d s, %d delisting bursts measured%n",
                        now, tickets, (now - last) / (double) PROGRESS_SECONDS, PROGRESS_SECONDS, reactionTimes.size());
                last = now;
            }
        }, "bench-progress");
        progress.setDaemon(true);
        progress.start();
        concurrently(clients, tickets, i -> {
            long t0 = System.nanoTime();
            open("buyer-" + run + "-" + i, "ST" + run + (i % styles), "B" + (i % 7), CATEGORIES[i % CATEGORIES.length]);
            long t1 = System.nanoTime();
            latencies[i] = t1 - t0;
            finished[done.getAndIncrement()] = t1;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.interrupt();
        double rate = tickets / seconds;
        System.out.printf("intake      %d tickets, %d clients: %.0f tickets/s (%.2f of the ceiling); latency ms %s%n",
                tickets, clients, rate, rate / ceiling, percentiles(latencies));
        segments(finished, started);
        reactions.join(MAX_REACTION.plusSeconds(10).toMillis());
        if (reactionFailure[0] != null) {
            throw new IllegalStateException("delisting burst failed", reactionFailure[0]);
        }
        long[] reactionNanos = reactionTimes.stream().mapToLong(Long::longValue).toArray();
        System.out.printf("delisting   %d bursts during intake: 5th report answered -> delisting readable, ms %s;"
                + " %d more not delisted within %d s%n",
                reactionNanos.length, percentiles(reactionNanos), missed.get(), MAX_REACTION.toSeconds());
    }

    /** Throughput of every 10,000 tickets (by completion) for runs of 20,000 or more, and the last against the first. */
    private static void segments(long[] finished, long started) {
        if (finished.length < 2 * SEGMENT) {
            return;
        }
        StringBuilder line = new StringBuilder("segments    tickets/s per 10k:");
        List<Double> rates = new ArrayList<>();
        long from = started;
        for (int end = SEGMENT; end <= finished.length; end += SEGMENT) {
            long to = finished[end - 1];
            double rate = SEGMENT / ((to - from) / 1e9);
            rates.add(rate);
            line.append(String.format(" %.0f", rate));
            from = to;
        }
        line.append(String.format("; last/first %.2f", rates.get(rates.size() - 1) / rates.get(0)));
        System.out.println(line);
    }

    /**
     * Bursts of five quality reports on a fresh product, burst b starting once b/bursts of the intake
     * has been answered, so that every burst runs while intake load runs. Each reaction time is added
     * to {@code reactions} as it is measured, so that the progress lines count them.
     */
    private static void batchDefectReaction(String run, int tickets, int bursts, AtomicInteger done,
                                            List<Long> reactions, AtomicInteger missed) {
        try {
            for (int b = 0; b < bursts; b++) {
                long startAt = (long) tickets * b / bursts;
                while (done.get() < startAt) {
                    Thread.sleep(5);
                }
                if (done.get() >= tickets) {
                    System.err.println("    intake ended before delisting burst " + (b + 1) + ": stopping the bursts");
                    break;
                }
                String product = "BD" + run + b;
                for (int buyer = 1; buyer <= 5; buyer++) {
                    open("buyer-" + product + "-" + buyer, product, "B-BENCH", "QUALITY");
                }
                long t0 = System.nanoTime();
                boolean delisted;
                while (!(delisted = get(FEEDBACK + "/api/v1/delistings?product=" + product).contains("\"id\""))
                        && System.nanoTime() - t0 < MAX_REACTION.toNanos()) {
                    Thread.sleep(5);
                }
                if (delisted) {
                    reactions.add(System.nanoTime() - t0);
                } else {
                    // counted as a miss, not the end of the run: the intake figures still stand
                    System.err.printf("    no delisting for %s within %d s%n", product, MAX_REACTION.toSeconds());
                    missed.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Request {
        void send(int index) throws Exception;
    }

    /** Requests 0..count-1 from {@code clients} threads, each taking the next index. */
    private static void concurrently(int clients, int count, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        request.send(i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void open(String buyer, String style, String batch, String category) throws Exception {
        String body = "{\"storeId\":\"bench-store-" + (Math.abs(buyer.hashCode()) % 5) + "\",\"platform\":\"TMALL\","
                + "\"orderId\":\"O-" + UUID.randomUUID() + "\",\"externalId\":\"AS-" + UUID.randomUUID() + "\","
                + "\"buyerId\":\"" + buyer + "\",\"sku\":\"" + style + "-M\",\"styleCode\":\"" + style + "\","
                + "\"batch\":\"" + batch + "\",\"quantity\":1,\"paidAmount\":{\"amount\":\"99.00\",\"currency\":\"CNY\"},"
                + "\"category\":\"" + category + "\"" + ("QUALITY".equals(category) ? ",\"defectType\":\"STAIN\"" : "") + "}";
        HttpResponse<String> response = post(body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("intake failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** An intake of the same size that fails validation (no quantity): 400 before any command. */
    private static void invalid() throws Exception {
        String body = "{\"storeId\":\"bench-store-1\",\"platform\":\"TMALL\","
                + "\"orderId\":\"O-" + UUID.randomUUID() + "\",\"externalId\":\"AS-" + UUID.randomUUID() + "\","
                + "\"buyerId\":\"buyer-ceiling\",\"sku\":\"CEIL-M\",\"styleCode\":\"CEIL\","
                + "\"batch\":\"B1\",\"paidAmount\":{\"amount\":\"99.00\",\"currency\":\"CNY\"},"
                + "\"category\":\"CHANGED_MIND\"}";
        HttpResponse<String> response = post(body);
        if (response.statusCode() != 400) {
            throw new IllegalStateException("expected 400 from an intake without quantity: " + response.statusCode()
                    + " " + response.body());
        }
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(TICKETS + "/api/v1/tickets"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String get(String url) throws Exception {
        return ServiceProcess.HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** "p50 x p90 y p99 z max w" in milliseconds. */
    static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "(none)";
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return "p50 " + ms(sorted, 50) + " p90 " + ms(sorted, 90) + " p99 " + ms(sorted, 99) + " max " + ms(sorted, 100);
    }

    private static String ms(long[] sorted, int percentile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
    }
}
