package io.aftersales.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The platform sandbox: a stand-in for the platforms' refund payouts, the warehouse and the
 * couriers, as described in {@code docs/platform-sandbox.md}. The JDK's HTTP server and Jackson,
 * nothing else, so that it starts in a fraction of a second.
 *
 * <pre>
 * java -jar platform-sandbox-exec.jar [--port=8090] [--data-dir=DIR]
 * </pre>
 *
 * Options fall back to {@code AFTERSALES_SANDBOX_PORT} and {@code AFTERSALES_DATA_DIR}, then to
 * 8090 and {@code ./data}; the notification secret is {@code AFTERSALES_SANDBOX_SECRET} (default
 * {@value #DEFAULT_SECRET}). The ledger is {@code DIR/sandbox/ledger.jsonl}. Once it serves, one line
 * starting with {@value #READY_PREFIX} is printed on standard output; SIGTERM/SIGINT stop it.
 * Tests start it in their JVM with {@link #start(int, Path, String)}.
 */
public final class PlatformSandbox implements AutoCloseable {

    /** The start of the line printed on standard output once the sandbox serves; the URL follows. */
    public static final String READY_PREFIX = "platform sandbox ready on";
    public static final int DEFAULT_PORT = 8090;
    public static final String DEFAULT_SECRET = "sandbox-secret";
    /** The header of a payout notification: {@code sha256=<hex HMAC-SHA256(secret, body)>}, see {@link #signature}. */
    public static final String SIGNATURE_HEADER = "X-Sandbox-Signature";

    static final String CANCELLATION = "cancellation";
    static final String STOCK_HOLD = "stock-hold";
    static final String INTERCEPT = "intercept";
    static final Duration NOTIFY_RETRY = Duration.ofSeconds(1);
    static final Duration NOTIFY_FOR_AT_MOST = Duration.ofHours(1);
    static final Duration NOTIFY_TIMEOUT = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(PlatformSandbox.class.getName());
    private static final String PAYOUTS = "/sandbox/v1/payouts";
    private static final String CANCELLATIONS = "/sandbox/v1/warehouse/cancellations";
    private static final String STOCK_HOLDS = "/sandbox/v1/warehouse/stock-holds";
    private static final String INTERCEPTS = "/sandbox/v1/couriers/intercepts";
    private static final String BEHAVIOUR = "/sandbox/v1/behaviour";
    private static final List<String> PLATFORMS = List.of("TAOBAO", "TMALL", "JD", "PINDUODUO", "DOUYIN", "OTHER");
    private static final List<String> REASONS = List.of("RESHIPMENT", "EXCHANGE");
    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]*)(\\.[0-9]+)?$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private final ObjectMapper json = new ObjectMapper();
    private final String secret;
    private final Ledger ledger;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final ScheduledExecutorService scheduler;
    private HttpClient http; // guarded by this; made on the first notification (its TLS set-up costs start time)
    private final String url;

    // guarded by this
    private final Map<String, Payout> payouts = new LinkedHashMap<>();
    private final Map<String, Map<String, Operation>> operations = new HashMap<>();
    private final Map<String, Operation> holdsById = new HashMap<>();
    private final Map<String, Behaviour> storeBehaviours = new HashMap<>();
    private Behaviour everyStore = Behaviour.NONE;
    private boolean closed;

    private PlatformSandbox(int port, Path dataDir, String secret) throws IOException {
        this.secret = secret;
        this.ledger = new Ledger(dataDir.toAbsolutePath().normalize().resolve("sandbox").resolve("ledger.jsonl"), json);
        replay();
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("sandbox-scheduler"));
        this.handlers = Executors.newCachedThreadPool(daemon("sandbox-http"));
        try {
            this.server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            ledger.close();
            scheduler.shutdownNow();
            handlers.shutdownNow();
            throw e;
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
        this.url = "http://localhost:" + server.getAddress().getPort();
        resumePending();
    }

    /**
     * Starts a sandbox on {@code port} (0: any free port) keeping its ledger under
     * {@code dataDir/sandbox}; what an earlier sandbox recorded there is read back first.
     */
    public static PlatformSandbox start(int port, Path dataDir, String secret) {
        try {
            return new PlatformSandbox(port, dataDir, secret);
        } catch (IOException e) {
            throw new UncheckedIOException("the platform sandbox cannot listen on port " + port, e);
        }
    }

    /** {@code http://localhost:<port>}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Path ledgerFile() {
        return ledger.file();
    }

    /** Stops serving and notifying; the ledger stays on disk. Safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
        synchronized (this) {
            ledger.close();
        }
    }

    /**
     * The value of the {@value #SIGNATURE_HEADER} header of a notification with this body:
     * {@code sha256=} followed by the lower-case hex HMAC-SHA256 of the body's bytes, keyed with the
     * UTF-8 bytes of the secret. A receiver recomputes it over the raw body it received and compares
     * the two in constant time ({@code MessageDigest.isEqual}).
     */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    // ------------------------------------------------------------------------------------ routing

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.equals("/health")) {
                requireMethod(method, "GET");
                ObjectNode up = json.createObjectNode().put("status", "UP");
                respond(exchange, 200, up);
            } else if (path.equals(PAYOUTS)) {
                if (method.equals("GET")) {
                    respond(exchange, 200, listPayouts(query(exchange)));
                } else {
                    requireMethod(method, "POST");
                    payout(exchange, body(exchange));
                }
            } else if (path.equals(CANCELLATIONS)) {
                operationEndpoint(exchange, method, CANCELLATION, this::cancellation);
            } else if (path.equals(STOCK_HOLDS)) {
                operationEndpoint(exchange, method, STOCK_HOLD, this::stockHold);
            } else if (path.startsWith(STOCK_HOLDS + "/")) {
                requireMethod(method, "DELETE");
                releaseHold(path.substring(STOCK_HOLDS.length() + 1));
                exchange.sendResponseHeaders(204, -1);
            } else if (path.equals(INTERCEPTS)) {
                operationEndpoint(exchange, method, INTERCEPT, this::intercept);
            } else if (path.equals(BEHAVIOUR) || path.startsWith(BEHAVIOUR + "/")) {
                String store = path.equals(BEHAVIOUR) ? null : path.substring(BEHAVIOUR.length() + 1);
                if (method.equals("GET")) {
                    respond(exchange, 200, behaviourView(store));
                } else {
                    requireMethod(method, "PUT");
                    respond(exchange, 200, setBehaviour(store, Behaviour.parse(body(exchange))));
                }
            } else {
                throw Problem.notFound("no such resource: " + path);
            }
        } catch (Problem problem) {
            problem(exchange, problem);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request failed: " + exchange.getRequestURI(), e);
            problem(exchange, new Problem(500, "Internal error", e.toString(), null));
        } finally {
            exchange.close();
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new Problem(405, "Method not allowed", method + " is not allowed here (" + allowed + ")", null);
        }
    }

    private void operationEndpoint(HttpExchange exchange, String method, String kind,
                                   Function<JsonNode, Request> parse) throws IOException {
        if (method.equals("GET")) {
            respond(exchange, 200, listOperations(kind, query(exchange)));
        } else {
            requireMethod(method, "POST");
            Request request = parse.apply(body(exchange));
            respond(exchange, 200, operation(kind, request));
        }
    }

    // ------------------------------------------------------------------------------------ payouts

    private void payout(HttpExchange exchange, JsonNode body) throws IOException {
        ObjectNode request = json.createObjectNode();
        String requestNo = text(body, "requestNo");
        request.put("requestNo", requestNo);
        request.put("platform", choice(body, "platform", PLATFORMS));
        request.put("storeId", text(body, "storeId"));
        request.put("orderId", text(body, "orderId"));
        request.put("refundId", text(body, "refundId"));
        request.set("amount", money(body, "amount"));
        String notifyUrl = notifyUrl(body);
        Behaviour behaviour = behaviour(request.get("storeId").asText());

        Payout payout;
        boolean created;
        synchronized (this) {
            if (behaviour.payouts().equals("FAIL")) {
                throw new Problem(503, "Service unavailable", "the platform's payout API is failing (behaviour FAIL)", null);
            }
            payout = payouts.get(requestNo);
            created = payout == null;
            Instant now = now();
            if (created) {
                payout = new Payout();
                payout.payoutId = "PO-" + UUID.randomUUID();
                payout.requestNo = requestNo;
                payout.request = request;
                payout.requestedAt = now;
                payout.requests = 1;
                payout.notifyUrl = notifyUrl;
                if (behaviour.payouts().equals("LATE")) {
                    payout.status = "PROCESSING";
                    payout.payAt = now.plus(behaviour.delay());
                } else {
                    payout.status = "PAID";
                    payout.paidAt = now;
                }
                payouts.put(requestNo, payout);
            } else {
                if (!payout.request.equals(request)) {
                    throw Problem.conflict(requestNo);
                }
                payout.requests++;
                if (notifyUrl != null) {
                    payout.notifyUrl = notifyUrl; // where to notify, not what to pay: a restarted caller may move
                }
            }
            record("payout", requestNo, payout.toRecord(json));
        }
        ObjectNode answer;
        synchronized (this) {
            answer = payout.answer(json);
        }
        if (created && payout.payAt != null) {
            String key = requestNo;
            schedule(() -> pay(key), behaviour.delay());
        }
        if (created && behaviour.payouts().equals("TIMEOUT_AFTER_PAYING")) {
            // paid and recorded; the answer comes after the caller has given up waiting for it
            holdAnswer(exchange, answer, behaviour.delay());
            return;
        }
        respond(exchange, 200, answer);
    }

    private void holdAnswer(HttpExchange exchange, ObjectNode answer, Duration delay) {
        CountDownLatch answered = new CountDownLatch(1);
        boolean scheduled = schedule(() -> {
            try {
                respond(exchange, 200, answer);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "the caller of a held payout answer had gone: " + e);
            } finally {
                answered.countDown();
            }
        }, delay);
        if (!scheduled) {
            return;
        }
        try {
            // the handler thread keeps the exchange open until the held answer is written
            answered.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A LATE payout's time has come: PAID, recorded, then the notification. */
    private void pay(String requestNo) {
        synchronized (this) {
            Payout payout = payouts.get(requestNo);
            if (closed || payout == null || !payout.status.equals("PROCESSING")) {
                return;
            }
            payout.status = "PAID";
            payout.paidAt = now();
            record("payout", requestNo, payout.toRecord(json));
        }
        notifyPaid(requestNo);
    }

    /** One attempt to deliver the notification of a paid payout; another in a second unless answered 2xx. */
    private void notifyPaid(String requestNo) {
        byte[] body;
        URI target;
        synchronized (this) {
            Payout payout = payouts.get(requestNo);
            if (closed || payout == null || payout.notifyUrl == null || payout.notifiedAt != null
                    || !payout.status.equals("PAID")) {
                return;
            }
            if (now().isAfter(payout.paidAt.plus(NOTIFY_FOR_AT_MOST))) {
                LOG.log(System.Logger.Level.WARNING, "giving up notifying payout {0} to {1}: not answered 2xx within {2}",
                        requestNo, payout.notifyUrl, NOTIFY_FOR_AT_MOST);
                return;
            }
            try {
                body = json.writeValueAsBytes(payout.notification(json));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            target = URI.create(payout.notifyUrl);
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(NOTIFY_TIMEOUT).build();
            }
        }
        HttpRequest request = HttpRequest.newBuilder(target).timeout(NOTIFY_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, signature(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpClient client;
        synchronized (this) {
            client = http;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                synchronized (this) {
                    Payout payout = payouts.get(requestNo);
                    if (!closed && payout != null && payout.notifiedAt == null) {
                        payout.notifiedAt = now();
                        record("payout", requestNo, payout.toRecord(json));
                    }
                }
            } else {
                LOG.log(System.Logger.Level.DEBUG, "notification of {0} to {1} failed ({2}), again in {3}", requestNo,
                        target, error != null ? error.toString() : "status " + response.statusCode(), NOTIFY_RETRY);
                schedule(() -> notifyPaid(requestNo), NOTIFY_RETRY);
            }
        });
    }

    private ArrayNode listPayouts(Map<String, String> filters) {
        ArrayNode list = json.createArrayNode();
        synchronized (this) {
            for (Payout payout : payouts.values()) {
                ObjectNode view = payout.view(json);
                if (matches(view, filters)) {
                    list.add(view);
                }
            }
        }
        return list;
    }

    // ------------------------------------------------------------------------------------ warehouse, couriers

    /** A validated warehouse or courier request: its canonical body and the answer it gets the first time. */
    private record Request(String requestNo, ObjectNode body, Function<Behaviour, ObjectNode> answer) {
    }

    private Request cancellation(JsonNode body) {
        ObjectNode request = json.createObjectNode();
        String requestNo = text(body, "requestNo");
        request.put("requestNo", requestNo);
        request.put("storeId", text(body, "storeId"));
        request.put("orderId", text(body, "orderId"));
        return new Request(requestNo, request, behaviour -> {
            ObjectNode answer = json.createObjectNode().put("requestNo", requestNo).put("result", behaviour.cancellation());
            if ("ALREADY_SHIPPED".equals(behaviour.cancellation())) {
                // a parcel that left names its waybill: the only way the courier can be asked to intercept it
                answer.put("courier", "SF").put("trackingNumber",
                        "SF" + String.format("%012d", Math.floorMod((long) requestNo.hashCode(), 1_000_000_000_000L)));
            }
            return answer;
        });
    }

    private Request stockHold(JsonNode body) {
        ObjectNode request = json.createObjectNode();
        String requestNo = text(body, "requestNo");
        request.put("requestNo", requestNo);
        request.put("storeId", text(body, "storeId"));
        request.put("orderId", text(body, "orderId"));
        request.put("sku", text(body, "sku"));
        request.put("quantity", quantity(body));
        request.put("reason", choice(body, "reason", REASONS));
        return new Request(requestNo, request, behaviour -> json.createObjectNode()
                .put("requestNo", requestNo)
                .put("holdId", behaviour.stock().equals("HELD") ? "HOLD-" + UUID.randomUUID() : null)
                .put("result", behaviour.stock()));
    }

    private Request intercept(JsonNode body) {
        ObjectNode request = json.createObjectNode();
        String requestNo = text(body, "requestNo");
        request.put("requestNo", requestNo);
        request.put("storeId", text(body, "storeId"));
        request.put("courier", text(body, "courier"));
        request.put("trackingNumber", text(body, "trackingNumber"));
        return new Request(requestNo, request, behaviour -> json.createObjectNode()
                .put("requestNo", requestNo).put("result", behaviour.intercept()));
    }

    private synchronized ObjectNode operation(String kind, Request request) {
        Map<String, Operation> ofKind = operations.computeIfAbsent(kind, k -> new LinkedHashMap<>());
        Operation operation = ofKind.get(request.requestNo());
        if (operation == null) {
            operation = new Operation();
            operation.kind = kind;
            operation.requestNo = request.requestNo();
            operation.request = request.body();
            operation.answer = request.answer().apply(behaviour(request.body().get("storeId").asText()));
            operation.requestedAt = now();
            operation.requests = 1;
            ofKind.put(operation.requestNo, operation);
            index(operation);
        } else {
            if (!operation.request.equals(request.body())) {
                throw Problem.conflict(request.requestNo());
            }
            operation.requests++;
        }
        record(kind, operation.requestNo, operation.toRecord(json));
        return operation.answer.deepCopy();
    }

    private synchronized void releaseHold(String holdId) {
        Operation hold = holdsById.get(holdId);
        if (hold == null) {
            throw Problem.notFound("no stock hold " + holdId);
        }
        if (hold.releasedAt == null) {
            hold.releasedAt = now();
            record(STOCK_HOLD, hold.requestNo, hold.toRecord(json));
        }
    }

    private synchronized ArrayNode listOperations(String kind, Map<String, String> filters) {
        ArrayNode list = json.createArrayNode();
        for (Operation operation : operations.getOrDefault(kind, Map.of()).values()) {
            ObjectNode view = operation.view(json);
            if (matches(view, filters)) {
                list.add(view);
            }
        }
        return list;
    }

    private void index(Operation operation) {
        if (operation.kind.equals(STOCK_HOLD) && operation.answer.hasNonNull("holdId")) {
            holdsById.put(operation.answer.get("holdId").asText(), operation);
        }
    }

    // ------------------------------------------------------------------------------------ behaviour

    private synchronized Behaviour behaviour(String storeId) {
        return storeBehaviours.getOrDefault(storeId, Behaviour.NONE).orElse(everyStore).orElse(Behaviour.DEFAULTS);
    }

    private synchronized ObjectNode setBehaviour(String storeId, Behaviour behaviour) {
        if (storeId == null) {
            everyStore = behaviour;
        } else {
            storeBehaviours.put(storeId, behaviour);
        }
        return behaviourView(storeId);
    }

    private synchronized ObjectNode behaviourView(String storeId) {
        return (storeId == null ? everyStore.orElse(Behaviour.DEFAULTS) : behaviour(storeId)).toJson(json);
    }

    // ------------------------------------------------------------------------------------ durability

    /** Must hold the lock: the line is on disk before the caller answers. */
    private void record(String kind, String requestNo, ObjectNode record) {
        if (closed) {
            throw new Problem(503, "Service unavailable", "the sandbox is stopping", null);
        }
        ObjectNode line = json.createObjectNode();
        line.put("kind", kind);
        line.put("requestNo", requestNo);
        line.set("record", record);
        ledger.append(line);
    }

    private void replay() {
        int lines = 0;
        for (JsonNode line : ledger.readAll()) {
            lines++;
            String kind = line.path("kind").asText();
            JsonNode record = line.get("record");
            if (kind.equals("payout")) {
                Payout payout = Payout.fromRecord(record);
                payouts.put(payout.requestNo, payout);
            } else {
                Operation operation = Operation.fromRecord(record);
                operations.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(operation.requestNo, operation);
                index(operation);
            }
        }
        if (lines > 0) {
            LOG.log(System.Logger.Level.INFO, "read {0} ledger lines from {1}: {2} payouts", lines, ledger.file(),
                    payouts.size());
        }
    }

    /** After a restart: LATE payouts still PROCESSING are paid when due, unanswered notifications are sent again. */
    private synchronized void resumePending() {
        Instant now = now();
        for (Payout payout : payouts.values()) {
            String requestNo = payout.requestNo;
            if (payout.status.equals("PROCESSING")) {
                Duration due = payout.payAt == null ? Duration.ZERO : Duration.between(now, payout.payAt);
                schedule(() -> pay(requestNo), due.isNegative() ? Duration.ZERO : due);
            } else if (payout.notifyUrl != null && payout.notifiedAt == null && payout.paidAt != null
                    && payout.payAt != null) {
                schedule(() -> notifyPaid(requestNo), Duration.ZERO);
            }
        }
    }

    // ------------------------------------------------------------------------------------ HTTP and JSON

    private boolean schedule(Runnable task, Duration delay) {
        try {
            scheduler.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "sandbox task failed", e);
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false; // closing
        }
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            throw Problem.badField("body", "missing: a JSON object is expected");
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw Problem.badField("body", "not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw Problem.badField("body", "must be a JSON object");
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw Problem.badField(field, "missing");
        }
        if (!node.isTextual()) {
            throw Problem.badField(field, "must be a string, got " + node);
        }
        if (node.asText().isBlank()) {
            throw Problem.badField(field, "blank");
        }
        return node.asText();
    }

    private static String choice(JsonNode body, String field, List<String> allowed) {
        String value = text(body, field);
        if (!allowed.contains(value)) {
            throw Problem.badField(field, "must be one of " + allowed + ", got '" + value + "'");
        }
        return value;
    }

    private static int quantity(JsonNode body) {
        JsonNode node = body.get("quantity");
        if (node == null || node.isNull()) {
            throw Problem.badField("quantity", "missing");
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw Problem.badField("quantity", "must be a whole number of at least 1, got " + node);
        }
        return node.asInt();
    }

    /** {@code {"amount": "12.50", "currency": "CNY"}}: a positive decimal string (never a JSON number), an ISO 4217 code. */
    private ObjectNode money(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw Problem.badField(field, "missing");
        }
        if (!node.isObject()) {
            throw Problem.badField(field, "must be money: {\"amount\": \"12.50\", \"currency\": \"CNY\"}, got " + node);
        }
        JsonNode amount = node.get("amount");
        if (amount == null || !amount.isTextual() || !AMOUNT.matcher(amount.asText()).matches()) {
            throw Problem.badField(field + ".amount", "must be a decimal string such as \"12.50\", got " + amount);
        }
        BigDecimal value = new BigDecimal(amount.asText());
        if (value.signum() <= 0) {
            throw Problem.badField(field + ".amount", "must be more than zero, got " + amount);
        }
        JsonNode currency = node.get("currency");
        if (currency == null || !currency.isTextual() || !CURRENCY.matcher(currency.asText()).matches()) {
            throw Problem.badField(field + ".currency", "must be an ISO 4217 code such as \"CNY\", got " + currency);
        }
        int scale = value.stripTrailingZeros().scale();
        if (scale > 2) {
            throw Problem.badField(field + ".amount", "must have at most two decimal places, got " + amount);
        }
        // canonical, so that "12.5" and "12.50" are the same request
        return json.createObjectNode().put("amount", value.setScale(2).toPlainString())
                .put("currency", currency.asText());
    }

    private static String notifyUrl(JsonNode body) {
        JsonNode node = body.get("notifyUrl");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw Problem.badField("notifyUrl", "must be an http(s) URL, got " + node);
        }
        try {
            URI uri = new URI(node.asText());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw Problem.badField("notifyUrl", "must be an absolute http(s) URL, got " + node);
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw Problem.badField("notifyUrl", "not a URL: " + e.getMessage());
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!value.isEmpty()) {
                query.put(name, value);
            }
        }
        return query;
    }

    private static boolean matches(ObjectNode view, Map<String, String> filters) {
        return filters.entrySet().stream().allMatch(filter -> view.hasNonNull(filter.getKey())
                && view.get(filter.getKey()).asText().equals(filter.getValue()));
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    private void problem(HttpExchange exchange, Problem problem) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", problem.title);
        body.put("status", problem.status);
        body.put("detail", problem.getMessage());
        if (problem.field != null) {
            body.put("field", problem.field);
        }
        body.put("instance", exchange.getRequestURI().getPath());
        send(exchange, problem.status, "application/problem+json", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ------------------------------------------------------------------------------------ main

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return;
        }
        PlatformSandbox sandbox;
        try {
            sandbox = start(options.port, options.dataDir, options.secret);
        } catch (RuntimeException e) {
            System.err.println("platform sandbox failed to start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                sandbox.close();
            } finally {
                stopped.countDown();
                System.out.println("platform sandbox stopped");
                System.out.flush();
            }
        }, "platform-sandbox-shutdown"));
        System.out.println(READY_PREFIX + " " + sandbox.url() + " (ledger " + sandbox.ledgerFile() + ")");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Options {
        static final String USAGE = """
                usage: java -jar platform-sandbox-exec.jar [options]
                  --port=PORT      HTTP port (env AFTERSALES_SANDBOX_PORT, default 8090)
                  --data-dir=DIR   data directory, the ledger is DIR/sandbox/ledger.jsonl (env AFTERSALES_DATA_DIR, default ./data)
                  --help           this text
                The notification secret is AFTERSALES_SANDBOX_SECRET (default sandbox-secret, local use only).""";

        int port;
        Path dataDir;
        String secret;
        boolean help;

        static Options parse(String[] args, Map<String, String> env) {
            String port = env.getOrDefault("AFTERSALES_SANDBOX_PORT", String.valueOf(DEFAULT_PORT));
            String dataDir = env.getOrDefault("AFTERSALES_DATA_DIR", "./data");
            Options options = new Options();
            for (String arg : args) {
                if (arg.equals("--help") || arg.equals("-h")) {
                    options.help = true;
                    continue;
                }
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                switch (name) {
                    case "port" -> port = value;
                    case "data-dir" -> dataDir = value;
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (dataDir.isBlank()) {
                throw new IllegalArgumentException("empty data directory");
            }
            options.dataDir = Paths.get(dataDir);
            try {
                options.port = Integer.parseInt(port.trim());
            } catch (NumberFormatException e) {
                options.port = -1;
            }
            if (options.port < 0 || options.port > 65535) {
                throw new IllegalArgumentException("the port must be a number in 0..65535, got '" + port + "'");
            }
            String secret = env.get("AFTERSALES_SANDBOX_SECRET");
            options.secret = secret == null || secret.isBlank() ? DEFAULT_SECRET : secret;
            return options;
        }
    }
}
