package io.aftersales.logistics.query;

import com.mongodb.client.model.Filters;
import io.aftersales.logistics.api.ClaimStatus;
import io.aftersales.platform.web.PageInfo;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the API and the metrics read from {@link ClaimProjection}: one claim, pages of claims, and the month-end
 * registers. {@code stores} null means every store (ADMIN, QA); otherwise only those stores' claims exist.
 */
public class ClaimQueries {

    /** Claims whose courier may still pay: what the reconciliation counts as outstanding. */
    static final Set<String> AWAITING_COURIER = Set.of(ClaimStatus.FILED.name(), ClaimStatus.ACCEPTED.name(),
            ClaimStatus.REJECTED.name(), ClaimStatus.ESCALATED.name());

    private final ClaimProjection projection;

    public ClaimQueries(ClaimProjection projection) {
        this.projection = projection;
    }

    public Optional<ClaimView> find(String claimId) {
        return projection.find(claimId).map(ClaimView::of);
    }

    public record ClaimPage(List<ClaimView> items, PageInfo page) {
    }

    public ClaimPage list(Collection<String> stores, String storeId, Collection<String> statuses, String kind,
                          String courier, String ticketId, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        filters.add(ClaimProjection.inStores(stores));
        if (storeId != null) {
            filters.add(Filters.eq("storeId", storeId));
        }
        if (statuses != null && !statuses.isEmpty()) {
            filters.add(Filters.in("status", statuses));
        }
        if (kind != null) {
            filters.add(Filters.eq("kind", kind));
        }
        if (courier != null) {
            filters.add(Filters.eq("courier", courier));
        }
        if (ticketId != null) {
            filters.add(Filters.eq("ticketId", ticketId));
        }
        Bson filter = Filters.and(filters);
        List<ClaimView> items = projection.list(filter, page * size, size).stream().map(ClaimView::of).toList();
        return new ClaimPage(items, PageInfo.of(page, size, projection.count(filter)));
    }

    /** A line of the lost/damaged compensation register (丢件赔偿登记): one claim filed in the month. */
    public record CompensationLine(String claimId, String storeId, String product, String kind, String status,
                                   String courier, String claimNumber, String currency, BigDecimal amountClaimed,
                                   BigDecimal amountAccepted, BigDecimal amountReceived, String month) {
    }

    public List<CompensationLine> compensationRegister(Collection<String> stores, String month, String courier) {
        return filed(stores, month, courier).stream().map(d -> new CompensationLine(d.getString("_id"),
                d.getString("storeId"), d.getString("sku"), d.getString("kind"), d.getString("status"),
                d.getString("courier"), d.getString("claimNumber"), currency(d), amount(d, "amountClaimed"),
                amount(d, "amountAccepted"), amount(d, "amountReceived"), d.getString("month"))).toList();
    }

    /**
     * A courier's month: claims filed in it, and what was claimed, accepted and received. {@code outstanding} is
     * what the courier may still pay: the accepted amount of accepted claims not yet paid, the claimed amount of
     * claims filed, rejected or escalated and not written off. {@code oldestOpen} is the oldest filing still
     * awaiting the courier.
     */
    public record Reconciliation(String courier, String currency, int claims, BigDecimal claimed, BigDecimal accepted,
                                 BigDecimal received, BigDecimal outstanding, Instant oldestOpen) {
    }

    public List<Reconciliation> reconciliation(Collection<String> stores, String month, String courier) {
        Map<String, List<Document>> byCourier = new TreeMap<>();
        for (Document d : filed(stores, month, courier)) {
            byCourier.computeIfAbsent(d.getString("courier") + " " + currency(d), k -> new ArrayList<>()).add(d);
        }
        List<Reconciliation> lines = new ArrayList<>();
        byCourier.forEach((key, claims) -> {
            BigDecimal claimed = BigDecimal.ZERO;
            BigDecimal accepted = BigDecimal.ZERO;
            BigDecimal received = BigDecimal.ZERO;
            BigDecimal outstanding = BigDecimal.ZERO;
            Instant oldestOpen = null;
            for (Document d : claims) {
                claimed = claimed.add(orZero(amount(d, "amountClaimed")));
                accepted = accepted.add(orZero(amount(d, "amountAccepted")));
                received = received.add(orZero(amount(d, "amountReceived")));
                String status = d.getString("status");
                if (AWAITING_COURIER.contains(status)) {
                    outstanding = outstanding.add(ClaimStatus.ACCEPTED.name().equals(status)
                            ? orZero(amount(d, "amountAccepted")) : orZero(amount(d, "amountClaimed")));
                    Instant filedAt = d.getDate("filedAt").toInstant();
                    oldestOpen = oldestOpen == null || filedAt.isBefore(oldestOpen) ? filedAt : oldestOpen;
                }
            }
            String[] parts = key.split(" ");
            lines.add(new Reconciliation(parts[0], parts[1], claims.size(), claimed, accepted, received, outstanding,
                    oldestOpen));
        });
        return lines;
    }

    /** A line of the wrong-shipment register (发错货登记). */
    public record WrongShipmentLine(String claimId, String storeId, String orderId, String skuExpected, String skuSent,
                                    int quantity, String warehouse, Instant registeredAt) {
    }

    public List<WrongShipmentLine> wrongShipments(Collection<String> stores, String warehouse) {
        List<Bson> filters = new ArrayList<>(List.of(ClaimProjection.inStores(stores), Filters.exists("wrongShipment")));
        if (warehouse != null) {
            filters.add(Filters.eq("wrongShipment.warehouse", warehouse));
        }
        return projection.all(Filters.and(filters)).stream().map(d -> {
            Document w = d.get("wrongShipment", Document.class);
            return new WrongShipmentLine(d.getString("_id"), d.getString("storeId"), w.getString("orderId"),
                    w.getString("skuExpected"), w.getString("skuSent"), w.getInteger("quantity", 1),
                    w.getString("warehouse"), w.getDate("registeredAt").toInstant());
        }).toList();
    }

    /** Every claim document still open, without history (for the metrics). */
    public List<Document> open() {
        return projection.all(Filters.nin("status", List.of(ClaimStatus.COMPENSATED.name(),
                ClaimStatus.WRITTEN_OFF.name(), ClaimStatus.WRONG_SHIPMENT_REGISTERED.name())));
    }

    /** Every claim with a replacement not shipped yet, open or not (for the metrics). */
    public List<Document> withPendingReshipments() {
        return projection.all(Filters.eq("reshipments.shipped", false));
    }

    /** Every wrong-shipment entry (for the metrics). */
    public List<WrongShipmentLine> allWrongShipments() {
        return wrongShipments(null, null);
    }

    private List<Document> filed(Collection<String> stores, String month, String courier) {
        List<Bson> filters = new ArrayList<>(List.of(ClaimProjection.inStores(stores), Filters.eq("month", month)));
        if (courier != null) {
            filters.add(Filters.eq("courier", courier));
        }
        return projection.all(Filters.and(filters));
    }

    private static String currency(Document d) {
        Document claimed = d.get("amountClaimed", Document.class);
        return claimed == null ? "CNY" : claimed.getString("currency");
    }

    static BigDecimal amount(Document d, String field) {
        Document money = d.get(field, Document.class);
        return money == null ? null : new BigDecimal(money.getString("amount"));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
