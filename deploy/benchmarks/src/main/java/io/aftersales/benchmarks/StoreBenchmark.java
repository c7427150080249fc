package io.aftersales.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.aftersales.embedded.EmbeddedMongoServer;
import io.aftersales.platform.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * {@code ./aftersales bench store}: the event store engines on the embedded default's MongoDB
 * (mongo-java-server with its H2 file, {@link EmbeddedMongoServer}), each subject in a fresh
 * database of the same server, run twice in reversed order. Subjects: the raw driver (the
 * ceiling: {@code insertOne} per event, one sorted cursor), this project's
 * {@link MongoEventStorageEngine} and axon-mongo's stock engine. Measures: append (1 event per
 * commit, N threads), a tracking read from the start, {@code readEvents(aggregateId)} of a
 * 10-event aggregate at growing store sizes, and N threads appending to one aggregate (retry on
 * {@link ConcurrencyException}); checks that every aggregate's sequence numbers are contiguous
 * and that tracking delivers every event exactly once. Arguments
 * {@code [events=20000] [threads=8] [contention=400] [trackingBudgetSeconds=30]}; the store
 * sizes of the aggregate read are 1k, 5k and every further 5x up to {@code events}. Results
 * go to stdout, progress to stderr. See docs/benchmarks.md ("Store") and ADR 0170.
 */
public final class StoreBenchmark {

    private static final int EVENTS_PER_PROBE_AGGREGATE = 10;
    private static final int PROBE_READS = 200;
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private final int events;
    private final int threads;
    private final int contention;
    private final long trackingBudgetNanos;
    private final MongoClient client;

    private StoreBenchmark(int events, int threads, int contention, int trackingBudgetSeconds, MongoClient client) {
        this.events = events;
        this.threads = threads;
        this.contention = contention;
        this.trackingBudgetNanos = trackingBudgetSeconds * 1_000_000_000L;
        this.client = client;
    }

    /** The payload of every benchmark event: about the size of a ticket event. */
    public record Noted(String subject, String note, int number) {
    }

    public static void main(String[] args) throws Exception {
        int events = argument(args, 0, "events", 20_000);
        int threads = argument(args, 1, "threads", 8);
        int contention = argument(args, 2, "contention", 400);
        int budget = argument(args, 3, "trackingBudgetSeconds", 30);
        Path dir = Files.createTempDirectory("store-bench");
        EmbeddedMongoServer server = new EmbeddedMongoServer(dir.resolve("mongo.h2"), 0);
        server.start();
        int exit = 0;
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            StoreBenchmark bench = new StoreBenchmark(events, threads, contention, budget, client);
            System.out.printf("# Store benchmark: %d events, %d threads, contention %d appends, %s, %d cores, %s%n",
                              events, threads, contention, java.time.LocalDate.now(),
                              Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            System.out.println("# server: mongo-java-server with H2 file " + server.file());
            List<Map<String, Result>> rounds = new ArrayList<>();
            for (List<String> order : List.of(List.of("raw", "this", "axon-mongo"), List.of("axon-mongo", "this", "raw"))) {
                Map<String, Result> round = new LinkedHashMap<>();
                for (String subject : order) {
                    round.put(subject, bench.measure(subject));
                }
                rounds.add(round);
                print(order, round);
                if (!round.get("this").problems.isEmpty()) {
                    exit = 1;
                }
            }
        } finally {
            server.stop();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(exit);
    }

    private static int argument(String[] args, int index, String name, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[index].replace("k", "000"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("usage: ./aftersales bench store [events=20000] [threads=8] "
                    + "[contention=400] [trackingBudgetSeconds=30]; " + name + " must be a number, got '" + args[index] + "'");
        }
    }

    // ------------------------------------------------------------------------------- measuring

    /** What one subject measured. */
    static final class Result {
        double appendPerSecond;
        long[] appendLatencies = new long[0];
        double trackingPerSecond;
        int tracked;
        String trackingNote = "";
        final Map<Integer, long[]> readLatencies = new LinkedHashMap<>();
        double contentionPerSecond;
        long[] contentionLatencies = new long[0];
        long contentionRetries;
        final List<String> problems = new ArrayList<>();
        String checks = "";
    }

    private Result measure(String subject) throws Exception {
        MongoDatabase database = client.getDatabase("bench_" + subject.replace("-", "") + "_"
                + UUID.randomUUID().toString().substring(0, 6));
        try {
            return subject.equals("raw") ? measureRaw(database) : measureEngine(subject, engine(subject, database));
        } finally {
            database.drop();
        }
    }

    private static EventStorageEngine engine(String subject, MongoDatabase database) {
        if (subject.equals("this")) {
            return MongoEventStorageEngine.builder().mongoDatabase(database)
                                          .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
        }
        org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine stock =
                org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                        .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
        stock.ensureIndexes();
        return stock;
    }

    private Result measureRaw(MongoDatabase database) throws Exception {
        Result result = new Result();
        MongoCollection<Document> collection = database.getCollection("raw");
        collection.createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
        AtomicLong next = new AtomicLong();
        progress("raw: %d insertOne from %d threads", events, threads);
        Timed appended = concurrently(events, () -> {
            long n = next.incrementAndGet();
            collection.insertOne(new Document("n", n).append("aggregateIdentifier", "raw-" + (n / 10))
                                                     .append("payload", payload(n).toString()));
            return 1;
        });
        result.appendPerSecond = appended.perSecond();
        result.appendLatencies = appended.latencies;
        progress("raw: one sorted cursor over %d documents", events);
        long started = System.nanoTime();
        int read = 0;
        try (MongoCursor<Document> cursor = collection.find().sort(Sorts.ascending("n")).iterator()) {
            while (cursor.hasNext()) {
                cursor.next();
                read++;
            }
        }
        result.tracked = read;
        result.trackingPerSecond = read / seconds(System.nanoTime() - started);
        result.checks = read == events ? "all " + read + " read" : "read " + read + " of " + events;
        return result;
    }

    private Result measureEngine(String subject, EventStorageEngine engine) throws Exception {
        Result result = new Result();
        List<Integer> sizes = storeSizes(events);
        // probe aggregates (10 events each) written first, read at every store size
        List<String> probes = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            String id = subject + "-probe-" + p;
            probes.add(id);
            for (int s = 0; s < EVENTS_PER_PROBE_AGGREGATE; s++) {
                engine.appendEvents(List.of(event(id, s)));
            }
        }
        Map<String, Integer> written = new HashMap<>();
        probes.forEach(probe -> written.put(probe, EVENTS_PER_PROBE_AGGREGATE));
        int stored = probes.size() * EVENTS_PER_PROBE_AGGREGATE;
        // fill: each thread appends 1-event commits to aggregates of its own, 10 events each, in
        // order (as Axon does: an aggregate's next event only after its previous one is stored)
        Map<String, Integer> filled = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger nextAggregate = new AtomicInteger();
        ThreadLocal<long[]> current = ThreadLocal.withInitial(() -> new long[] {nextAggregate.getAndIncrement(), 0});
        List<Long> appendLatencies = new ArrayList<>();
        double appendSeconds = 0;
        int appendCount = 0;
        for (int size : sizes) {
            int toAppend = size - stored;
            if (toAppend > 0) {
                progress("%s: appending %d events (1 per commit, %d threads) to reach %d", subject, toAppend, threads, size);
                Timed appended = concurrently(toAppend, () -> {
                    long[] mine = current.get();
                    if (mine[1] == EVENTS_PER_PROBE_AGGREGATE) {
                        mine[0] = nextAggregate.getAndIncrement();
                        mine[1] = 0;
                    }
                    String aggregate = subject + "-agg-" + mine[0];
                    engine.appendEvents(List.of(event(aggregate, mine[1]++)));
                    filled.merge(aggregate, 1, Integer::sum);
                    return 1;
                });
                appendSeconds += appended.seconds;
                appendCount += toAppend;
                for (long latency : appended.latencies) {
                    appendLatencies.add(latency);
                }
                stored = size;
            }
            progress("%s: readEvents(aggregate of %d events) x%d with %d events in store", subject,
                     EVENTS_PER_PROBE_AGGREGATE, PROBE_READS, stored);
            long[] latencies = new long[PROBE_READS];
            for (int i = 0; i < PROBE_READS; i++) {
                String probe = probes.get(i % probes.size());
                long t0 = System.nanoTime();
                long count = engine.readEvents(probe).asStream().count();
                latencies[i] = System.nanoTime() - t0;
                if (count != EVENTS_PER_PROBE_AGGREGATE) {
                    result.problems.add(probe + " read " + count + " events, not " + EVENTS_PER_PROBE_AGGREGATE);
                }
            }
            Arrays.sort(latencies);
            result.readLatencies.put(stored, latencies);
        }
        written.putAll(filled);
        result.appendPerSecond = appendCount / appendSeconds;
        result.appendLatencies = sorted(appendLatencies);

        progress("%s: tracking read of all %d events from the start (budget %ds)", subject, stored,
                 trackingBudgetNanos / 1_000_000_000L);
        Map<String, List<Long>> trackedSequences = new HashMap<>();
        Set<String> identifiers = new HashSet<>();
        int duplicates = 0;
        long started = System.nanoTime();
        TrackingToken last = null;
        int tracked = 0;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
            var iterator = stream.iterator();
            while (iterator.hasNext() && System.nanoTime() - started < trackingBudgetNanos) {
                TrackedEventMessage<?> message = iterator.next();
                tracked++;
                last = message.trackingToken();
                if (!identifiers.add(message.getIdentifier())) {
                    duplicates++;
                }
                DomainEventMessage<?> domain = (DomainEventMessage<?>) message;
                trackedSequences.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>())
                                .add(domain.getSequenceNumber());
                if (tracked % 5000 == 0) {
                    progress("%s: tracked %d", subject, tracked);
                }
            }
        }
        result.tracked = tracked;
        result.trackingPerSecond = tracked / seconds(System.nanoTime() - started);
        if (last != null) {
            result.trackingNote = "token " + SERIALIZER.serialize(last, byte[].class).getData().length + " B";
        }

        // correctness: tracking delivers each event once; every aggregate contiguous from 0
        List<String> checks = new ArrayList<>();
        if (duplicates > 0) {
            result.problems.add("tracking delivered " + duplicates + " events twice");
        }
        if (tracked == stored) {
            for (Map.Entry<String, Integer> aggregate : written.entrySet()) {
                List<Long> sequences = trackedSequences.getOrDefault(aggregate.getKey(), List.of());
                if (!isContiguous(sequences, aggregate.getValue())) {
                    result.problems.add(aggregate.getKey() + " tracked as " + sequences);
                }
            }
            checks.add("tracking: all " + stored + " events once, each aggregate in order 0..n-1");
        } else {
            checks.add("tracking: " + tracked + " of " + stored + " within the budget, " + duplicates + " duplicates");
        }
        int sampled = 0;
        for (String aggregate : written.keySet()) {
            if (sampled++ % Math.max(1, written.size() / 100) != 0) {
                continue;
            }
            List<Long> sequences = new ArrayList<>();
            engine.readEvents(aggregate).asStream().forEach(message -> sequences.add(message.getSequenceNumber()));
            if (!isContiguous(sequences, written.get(aggregate))) {
                result.problems.add(aggregate + " reads back as " + sequences);
            }
        }
        checks.add("readEvents: ~100 aggregates contiguous");

        String hot = subject + "-hot";
        progress("%s: %d appends to one aggregate from %d threads (retry on conflict)", subject, contention, threads);
        AtomicLong retries = new AtomicLong();
        Timed contended = concurrently(contention, () -> {
            while (true) {
                long nextSequence;
                try (Stream<? extends DomainEventMessage<?>> stream = engine.readEvents(hot).asStream()) {
                    nextSequence = stream.mapToLong(DomainEventMessage::getSequenceNumber).max().orElse(-1) + 1;
                }
                try {
                    engine.appendEvents(List.of(event(hot, nextSequence)));
                    return 1;
                } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
                    retries.incrementAndGet();
                }
            }
        });
        result.contentionPerSecond = contended.perSecond();
        result.contentionLatencies = contended.latencies;
        result.contentionRetries = retries.get();
        List<Long> hotSequences = new ArrayList<>();
        engine.readEvents(hot).asStream().forEach(message -> hotSequences.add(message.getSequenceNumber()));
        if (!isContiguous(hotSequences, contention)) {
            result.problems.add("hot aggregate reads back with " + hotSequences.size() + " events, not 0.." + (contention - 1));
        } else {
            checks.add("hot aggregate 0.." + (contention - 1) + " contiguous");
        }
        result.checks = String.join("; ", checks) + (result.problems.isEmpty() ? "" : "; PROBLEMS: "
                + result.problems.subList(0, Math.min(5, result.problems.size())));
        return result;
    }

    private static boolean isContiguous(List<Long> sequences, int expected) {
        if (sequences.size() != expected) {
            return false;
        }
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i) != i) {
                return false;
            }
        }
        return true;
    }

    static List<Integer> storeSizes(int events) {
        List<Integer> sizes = new ArrayList<>();
        for (int size = 1000; size < events; size *= 5) {
            sizes.add(size);
        }
        sizes.add(events);
        return sizes;
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("BenchAggregate", aggregate, sequence, payload(sequence));
    }

    private static Noted payload(long n) {
        return new Noted("ticket " + n, "the buyer reports a defect in the second batch; photos attached", (int) n);
    }

    /** Timings of {@code total} operations from {@link #threads} threads. */
    record Timed(double seconds, int count, long[] latencies) {
        double perSecond() {
            return count / seconds;
        }
    }

    private interface Operation {
        int run() throws Exception;
    }

    private Timed concurrently(int total, Operation operation) throws Exception {
        AtomicInteger claimed = new AtomicInteger();
        long[] latencies = new long[total];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = claimed.getAndIncrement()) < total) {
                        long t0 = System.nanoTime();
                        operation.run();
                        latencies[i] = System.nanoTime() - t0;
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
        double seconds = seconds(System.nanoTime() - started);
        Arrays.sort(latencies);
        return new Timed(seconds, total, latencies);
    }

    // -------------------------------------------------------------------------------- printing

    private static void print(List<String> order, Map<String, Result> round) {
        System.out.println();
        System.out.println("## order: " + String.join(", ", order));
        System.out.println();
        Result raw = round.get("raw");
        Result ours = round.get("this");
        Result stock = round.get("axon-mongo");
        System.out.println("| measure | this project | axon-mongo (stock) | raw driver |");
        System.out.println("| --- | --- | --- | --- |");
        row("append, 1 event per commit (ev/s)", round, r -> fmt(r.appendPerSecond));
        row("append latency ms p50/p90/p99", round, r -> percentiles(r.appendLatencies));
        row("tracking read from the start (ev/s)", round,
            r -> fmt(r.trackingPerSecond) + " (" + r.tracked + (r.trackingNote.isEmpty() ? "" : ", " + r.trackingNote) + ")");
        for (Integer size : ours.readLatencies.keySet()) {
            row("readEvents(10-event aggregate) ms p50/p90/p99 at " + size + " events", round,
                r -> r.readLatencies.containsKey(size) ? percentiles(r.readLatencies.get(size)) : "");
        }
        row("one aggregate, threads retrying (appends/s)", round,
            r -> r == raw ? "" : fmt(r.contentionPerSecond) + " (" + r.contentionRetries + " retries)");
        row("one aggregate, latency ms p50/p90/p99", round, r -> r == raw ? "" : percentiles(r.contentionLatencies));
        row("checks", round, r -> r.checks);
        System.out.println();
        double[] readMedians = ours.readLatencies.values().stream().mapToDouble(l -> millis(l[l.length / 2])).toArray();
        double flat = Arrays.stream(readMedians).max().orElse(0) / Math.max(1e-9, Arrays.stream(readMedians).min().orElse(0));
        System.out.printf(Locale.ROOT, "ratios: append this/stock %.2f (goal >= 1.0: %s), this/raw %.2f (goal >= 0.5: %s); "
                                      + "tracking this/raw cursor %.2f (goal >= 0.5: %s); "
                                      + "aggregate read median max %.2f ms (goal <= 1 ms: %s), largest/smallest store %.2f; "
                                      + "contention this/stock %.2f (goal >= 1.0: %s)%n",
                          ours.appendPerSecond / stock.appendPerSecond, met(ours.appendPerSecond >= stock.appendPerSecond),
                          ours.appendPerSecond / raw.appendPerSecond, met(ours.appendPerSecond >= 0.5 * raw.appendPerSecond),
                          ours.trackingPerSecond / raw.trackingPerSecond, met(ours.trackingPerSecond >= 0.5 * raw.trackingPerSecond),
                          Arrays.stream(readMedians).max().orElse(0), met(Arrays.stream(readMedians).max().orElse(0) <= 1.0), flat,
                          ours.contentionPerSecond / stock.contentionPerSecond,
                          met(ours.contentionPerSecond >= stock.contentionPerSecond));
        System.out.flush();
    }

    private static String met(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static void row(String measure, Map<String, Result> round, Function<Result, String> cell) {
        System.out.println("| " + measure + " | " + cell.apply(round.get("this")) + " | "
                                   + cell.apply(round.get("axon-mongo")) + " | " + cell.apply(round.get("raw")) + " |");
    }

    private static String percentiles(long[] sortedNanos) {
        if (sortedNanos.length == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", millis(at(sortedNanos, 0.5)), millis(at(sortedNanos, 0.9)),
                             millis(at(sortedNanos, 0.99)));
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(quantile * sorted.length))];
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static double seconds(long nanos) {
        return nanos / 1_000_000_000.0;
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[store-bench] " + format + "%n", args);
    }
}
