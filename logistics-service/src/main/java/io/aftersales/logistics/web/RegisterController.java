package io.aftersales.logistics.web;

import io.aftersales.logistics.query.ClaimQueries;
import io.aftersales.platform.security.Caller;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The month-end registers, of the caller's stores: the lost/damaged compensation register (one line per claim filed
 * in the month), the reconciliation per courier, and the wrong-shipment register. JSON, or CSV (a header row, then
 * one row per line) with {@code Accept: text/csv} or {@code format=csv}. Months are calendar months in China time.
 */
@RestController
@RequestMapping("/api/v1/registers")
public class RegisterController {

    static final String REGISTER_READERS = "hasAnyRole('LOGISTICS','SUPERVISOR','ADMIN')";
    static final String WRONG_SHIPMENT_READERS = "hasAnyRole('LOGISTICS','SUPERVISOR','WAREHOUSE','QA','ADMIN')";
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final ClaimQueries queries;

    public RegisterController(ClaimQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/compensation")
    @PreAuthorize(REGISTER_READERS)
    public Mono<ResponseEntity<Object>> compensation(@RequestParam(required = false) String month,
                                                     @RequestParam(required = false) String courier,
                                                     @RequestParam(required = false) String format,
                                                     @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                     Caller caller) {
        return Blocking.call(() -> {
            List<ClaimQueries.CompensationLine> lines = queries.compensationRegister(stores(caller), month(month),
                    blankToNull(courier));
            return answer(lines, csv(format, accept), List.of("product", "amountClaimed", "amountAccepted",
                    "amountReceived", "currency", "courier", "claimNumber", "month", "claimId", "storeId", "kind",
                    "status"), line -> Stream.of(line.product(), line.amountClaimed(), line.amountAccepted(),
                    line.amountReceived(), line.currency(), line.courier(), line.claimNumber(), line.month(),
                    line.claimId(), line.storeId(), line.kind(), line.status()));
        });
    }

    @GetMapping("/reconciliation")
    @PreAuthorize(REGISTER_READERS)
    public Mono<ResponseEntity<Object>> reconciliation(@RequestParam(required = false) String month,
                                                       @RequestParam(required = false) String courier,
                                                       @RequestParam(required = false) String format,
                                                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                       Caller caller) {
        return Blocking.call(() -> {
            List<ClaimQueries.Reconciliation> lines = queries.reconciliation(stores(caller), month(month),
                    blankToNull(courier));
            return answer(lines, csv(format, accept), List.of("courier", "currency", "claims", "claimed", "accepted",
                    "received", "outstanding", "oldestOpen"), line -> Stream.of(line.courier(), line.currency(),
                    line.claims(), line.claimed(), line.accepted(), line.received(), line.outstanding(),
                    line.oldestOpen()));
        });
    }

    @GetMapping("/wrong-shipments")
    @PreAuthorize(WRONG_SHIPMENT_READERS)
    public Mono<ResponseEntity<Object>> wrongShipments(@RequestParam(required = false) String warehouse,
                                                       @RequestParam(required = false) String format,
                                                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                       Caller caller) {
        return Blocking.call(() -> {
            List<ClaimQueries.WrongShipmentLine> lines = queries.wrongShipments(stores(caller), blankToNull(warehouse));
            return answer(lines, csv(format, accept), List.of("orderId", "skuExpected", "skuSent", "quantity",
                    "warehouse", "registeredAt", "claimId", "storeId"), line -> Stream.of(line.orderId(),
                    line.skuExpected(), line.skuSent(), line.quantity(), line.warehouse(), line.registeredAt(),
                    line.claimId(), line.storeId()));
        });
    }

    private static <T> ResponseEntity<Object> answer(List<T> lines, boolean csv, List<String> header,
                                                     Function<T, Stream<Object>> row) {
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(lines);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", header)).append("\r\n");
        for (T line : lines) {
            out.append(String.join(",", row.apply(line).map(RegisterController::cell).toList())).append("\r\n");
        }
        return ResponseEntity.ok().contentType(CSV).body(out.toString());
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, quotes doubled; a leading =+-@ is defused. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal amount ? amount.toPlainString()
                : value instanceof Instant instant ? instant.toString() : value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !(value instanceof BigDecimal)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            if (format.strip().equalsIgnoreCase("csv")) {
                return true;
            }
            if (format.strip().equalsIgnoreCase("json")) {
                return false;
            }
            throw new InvalidRequestException(List.of(new FieldError("format", "must be csv or json")));
        }
        return accept != null && accept.toLowerCase().contains("text/csv");
    }

    private static String month(String month) {
        if (month == null || month.isBlank()) {
            throw new InvalidRequestException(List.of(new FieldError("month", "is required, e.g. 2026-11")));
        }
        try {
            return YearMonth.parse(month.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(List.of(new FieldError("month", "must be a month such as 2026-11")));
        }
    }

    private static java.util.Set<String> stores(Caller caller) {
        return caller.seesEveryStore() ? null : caller.stores();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
