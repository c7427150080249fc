package io.aftersales.logistics.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.aftersales.logistics.api.AddressProblemResolved;
import io.aftersales.logistics.api.ClaimAccepted;
import io.aftersales.logistics.api.ClaimCompensated;
import io.aftersales.logistics.api.ClaimEscalated;
import io.aftersales.logistics.api.ClaimFiled;
import io.aftersales.logistics.api.ClaimOpened;
import io.aftersales.logistics.api.ClaimRejected;
import io.aftersales.logistics.api.ClaimStatus;
import io.aftersales.logistics.api.ClaimWrittenOff;
import io.aftersales.logistics.api.Money;
import io.aftersales.logistics.api.ReshipmentLinked;
import io.aftersales.logistics.api.ReshipmentOrdered;
import io.aftersales.logistics.api.ReshipmentShipped;
import io.aftersales.logistics.api.WeighingRecorded;
import io.aftersales.logistics.api.WrongShipmentRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * One document per claim in the service's database, kept by a tracking processor: the claim's state, its
 * reshipments, weigh check, address decision, wrong-shipment entry, amounts, and its history with actors. The
 * registers and the metrics read it. Every write is idempotent and order-safe like TicketSummaryProjection: the
 * first event creates the document only if missing ({@code $setOnInsert}), every later one applies only over an
 * older version (the event's sequence number), so a replay or a redelivered batch changes nothing.
 */
@ProcessingGroup(ClaimProjection.PROCESSING_GROUP)
public class ClaimProjection {

    public static final String PROCESSING_GROUP = "claims";
    /** Months of the registers are calendar months in China time, where the couriers reconcile. */
    public static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Shanghai");
    static final String COLLECTION = "claims";

    private final MongoCollection<Document> claims;

    public ClaimProjection(MongoDatabase database) {
        this.claims = database.getCollection(COLLECTION);
        claims.createIndex(Indexes.descending("openedAt"));
        claims.createIndex(Indexes.ascending("storeId", "openedAt"));
        claims.createIndex(Indexes.ascending("month", "courier"));
        claims.createIndex(Indexes.ascending("status"));
    }

    @EventHandler
    void on(ClaimOpened e, @SequenceNumber long sequence) {
        Bson created = Updates.combine(
                Updates.setOnInsert("ticketId", e.ticketId()),
                Updates.setOnInsert("storeId", e.storeId()),
                Updates.setOnInsert("orderId", e.orderId()),
                Updates.setOnInsert("sku", e.sku()),
                Updates.setOnInsert("quantity", e.quantity()),
                Updates.setOnInsert("kind", e.kind().name()),
                Updates.setOnInsert("courier", e.courier()),
                Updates.setOnInsert("trackingNumber", e.trackingNumber()),
                Updates.setOnInsert("status", ClaimStatus.OPENED.name()),
                Updates.setOnInsert("openedAt", Date.from(e.openedAt())),
                Updates.setOnInsert("updatedAt", Date.from(e.openedAt())),
                Updates.setOnInsert("reshipments", List.of()),
                Updates.setOnInsert("history", List.of(history("OPENED", e.openedBy(), e.openedAt(),
                        e.kind().name()))),
                Updates.setOnInsert("version", sequence));
        try {
            claims.updateOne(Filters.eq("_id", e.claimId()), created, new UpdateOptions().upsert(true));
        } catch (MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    @EventHandler
    void on(ReshipmentOrdered e, @SequenceNumber long sequence) {
        Document reshipment = new Document("number", e.number()).append("resolutionNumber", e.resolutionNumber())
                .append("reason", e.reason().name()).append("sku", e.sku()).append("quantity", e.quantity())
                .append("holdId", e.holdId()).append("stock", e.stock().name()).append("shipped", false)
                .append("orderedAt", Date.from(e.orderedAt()));
        advance(e.claimId(), sequence, "RESHIPMENT_ORDERED", e.orderedBy(), e.orderedAt(),
                "#" + e.number() + " " + e.sku() + " x" + e.quantity() + ": " + e.stock(),
                Updates.push("reshipments", reshipment),
                Updates.set("status", ClaimStatus.RESHIPMENT_ORDERED.name()), "OPENED");
    }

    @EventHandler
    void on(ReshipmentLinked e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "RESHIPMENT_LINKED", e.linkedBy(), e.linkedAt(),
                "#" + e.number() + " carries out resolution " + e.resolutionNumber(),
                Updates.set("reshipments." + (e.number() - 1) + ".resolutionNumber", e.resolutionNumber()), null, null);
    }

    @EventHandler
    void on(ReshipmentShipped e, @SequenceNumber long sequence) {
        String path = "reshipments." + (e.number() - 1) + ".";
        advance(e.claimId(), sequence, "RESHIPMENT_SHIPPED", e.shippedBy(), e.shippedAt(),
                "#" + e.number() + " by " + e.courier() + " " + e.trackingNumber(),
                Updates.combine(Updates.set(path + "shipped", true), Updates.set(path + "courier", e.courier()),
                        Updates.set(path + "trackingNumber", e.trackingNumber()),
                        Updates.set(path + "shippedAt", Date.from(e.shippedAt()))), null, null);
    }

    @EventHandler
    void on(WeighingRecorded e, @SequenceNumber long sequence) {
        Document weighing = new Document("slipWeightGrams", e.slipWeightGrams())
                .append("measuredWeightGrams", e.measuredWeightGrams()).append("toleranceGrams", e.toleranceGrams())
                .append("discrepancy", e.discrepancy());
        advance(e.claimId(), sequence, "WEIGHED", e.weighedBy(), e.weighedAt(),
                e.slipWeightGrams() + " g on the waybill, " + e.measuredWeightGrams() + " g measured: "
                        + (e.discrepancy() ? "the courier's fault" : "a warehouse error"),
                Updates.set("weighing", weighing),
                e.discrepancy() ? null : Updates.set("status", ClaimStatus.WAREHOUSE_ERROR.name()), null);
    }

    @EventHandler
    void on(WrongShipmentRegistered e, @SequenceNumber long sequence) {
        Document entry = new Document("orderId", e.orderId()).append("skuExpected", e.skuExpected())
                .append("skuSent", e.skuSent()).append("quantity", e.quantity()).append("warehouse", e.warehouse())
                .append("registeredAt", Date.from(e.registeredAt()));
        advance(e.claimId(), sequence, "WRONG_SHIPMENT_REGISTERED", e.registeredBy(), e.registeredAt(),
                e.skuSent() + " sent for " + e.skuExpected() + " from " + e.warehouse(),
                Updates.set("wrongShipment", entry),
                Updates.set("status", ClaimStatus.WRONG_SHIPMENT_REGISTERED.name()), null);
    }

    @EventHandler
    void on(AddressProblemResolved e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "ADDRESS_RESOLVED", e.resolvedBy(), e.resolvedAt(),
                e.resolution().name() + ": " + e.remark(),
                Updates.combine(Updates.set("addressResolution", e.resolution().name()),
                        Updates.set("orderRemark", e.remark())), null, null);
    }

    @EventHandler
    void on(ClaimFiled e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "FILED", e.filedBy(), e.filedAt(),
                "with " + e.courier() + " as " + e.claimNumber() + " for " + text(e.amountClaimed()),
                Updates.combine(Updates.set("courier", e.courier()), Updates.set("claimNumber", e.claimNumber()),
                        Updates.set("amountClaimed", money(e.amountClaimed())), Updates.set("filedAt", Date.from(e.filedAt())),
                        Updates.set("month", e.filedAt().atZone(REGISTER_ZONE).toLocalDate().toString().substring(0, 7))),
                Updates.set("status", ClaimStatus.FILED.name()), null);
    }

    @EventHandler
    void on(ClaimAccepted e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "ACCEPTED", e.recordedBy(), e.acceptedAt(), text(e.amountAccepted()),
                Updates.combine(Updates.set("amountAccepted", money(e.amountAccepted())),
                        Updates.set("acceptedAt", Date.from(e.acceptedAt()))),
                Updates.set("status", ClaimStatus.ACCEPTED.name()), null);
    }

    @EventHandler
    void on(ClaimRejected e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "REJECTED", e.recordedBy(), e.rejectedAt(), e.reason(),
                Updates.set("rejectionReason", e.reason()), Updates.set("status", ClaimStatus.REJECTED.name()), null);
    }

    @EventHandler
    void on(ClaimEscalated e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "ESCALATED", e.escalatedBy(), e.escalatedAt(), e.note(), null,
                Updates.set("status", ClaimStatus.ESCALATED.name()), null);
    }

    @EventHandler
    void on(ClaimWrittenOff e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "WRITTEN_OFF", e.writtenOffBy(), e.writtenOffAt(), e.reason(),
                Updates.set("writtenOffAt", Date.from(e.writtenOffAt())),
                Updates.set("status", ClaimStatus.WRITTEN_OFF.name()), null);
    }

    @EventHandler
    void on(ClaimCompensated e, @SequenceNumber long sequence) {
        advance(e.claimId(), sequence, "COMPENSATED", e.recordedBy(), e.compensatedAt(),
                text(e.amountReceived()) + (e.note() == null ? "" : ": " + e.note()),
                Updates.combine(Updates.set("amountReceived", money(e.amountReceived())),
                        Updates.set("compensatedAt", Date.from(e.compensatedAt()))),
                Updates.set("status", ClaimStatus.COMPENSATED.name()), null);
    }

    /**
     * Moves a claim's document to {@code sequence}, only from an older version: the change, the status (only when
     * the document is in {@code onlyFromStatus}, if given) and one history line.
     */
    private void advance(String claimId, long sequence, String event, String actor, Instant at, String detail,
                         Bson change, Bson status, String onlyFromStatus) {
        List<Bson> updates = new ArrayList<>();
        if (change != null) {
            updates.add(change);
        }
        updates.add(Updates.push("history", history(event, actor, at, detail)));
        updates.add(Updates.set("version", sequence));
        updates.add(Updates.set("updatedAt", Date.from(at)));
        Bson filter = Filters.and(Filters.eq("_id", claimId), Filters.lt("version", sequence));
        if (status != null && onlyFromStatus != null) {
            // the status moves only from the given one; the rest of the change applies anyway
            Document current = claims.find(filter).projection(new Document("status", 1)).first();
            if (current != null && onlyFromStatus.equals(current.getString("status"))) {
                updates.add(status);
            }
        } else if (status != null) {
            updates.add(status);
        }
        claims.updateOne(filter, Updates.combine(updates));
    }

    private static Document history(String event, String actor, Instant at, String detail) {
        return new Document("event", event).append("actor", actor).append("at", Date.from(at)).append("detail", detail);
    }

    private static Document money(Money money) {
        return new Document("amount", money.amount().toPlainString()).append("currency", money.currency());
    }

    private static String text(Money money) {
        return money.amount().toPlainString() + " " + money.currency();
    }

    // --- reads

    public Optional<Document> find(String claimId) {
        return Optional.ofNullable(claims.find(Filters.eq("_id", claimId)).first());
    }

    /** Claims matching {@code filter}, newest first, without their history. */
    public List<Document> list(Bson filter, int offset, int limit) {
        return claims.find(filter).projection(new Document("history", 0)).sort(Sorts.descending("openedAt"))
                .skip(offset).limit(limit).into(new ArrayList<>());
    }

    public long count(Bson filter) {
        return claims.countDocuments(filter);
    }

    /** Every claim matching {@code filter}, oldest first (registers and metrics). */
    public List<Document> all(Bson filter) {
        return claims.find(filter).projection(new Document("history", 0)).sort(Sorts.ascending("openedAt"))
                .into(new ArrayList<>());
    }

    /** Only the claims of these stores; null means every store. */
    public static Bson inStores(Collection<String> stores) {
        return stores == null ? new Document() : Filters.in("storeId", stores);
    }
}
