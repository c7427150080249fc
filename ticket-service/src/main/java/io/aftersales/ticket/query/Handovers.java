package io.aftersales.ticket.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The night-shift handover lists (docs/services/ticket-service.md, "Clocks"): collection {@code handovers},
 * one document per store and night ({@code _id} {@code storeId/yyyy-MM-dd}, the store-local date the evening
 * shift ended), its items the tickets left open then, each with who cleared it and when, or when it was
 * escalated for not being cleared in time. Written once when the shift ends (a second build of the same
 * night finds it and changes nothing); an item changes by compare-and-set on the list's version.
 */
public class Handovers {

    static final String COLLECTION = "handovers";

    private final MongoCollection<Document> handovers;

    public Handovers(MongoDatabase database) {
        this.handovers = database.getCollection(COLLECTION);
        handovers.createIndex(Indexes.ascending("date", "items.ticketId"));
        handovers.createIndex(Indexes.ascending("outstanding"));
    }

    /**
     * One item: the ticket, its state when the shift ended, who cleared it and when, and what happened at the
     * clear-by time if nobody had: {@code ESCALATED}, or {@code NOT_OPEN} (the ticket was no longer open).
     */
    public record Item(String ticketId, String statusAtShiftEnd, String clearedBy, Instant clearedAt,
                       String atClearBy, Instant escalatedAt) {

        /** Still to be cleared: neither cleared nor settled at the clear-by time. */
        public boolean outstanding() {
            return clearedAt == null && atClearBy == null;
        }
    }

    /** One night's handover list of one store. */
    public record Handover(String storeId, LocalDate date, Instant shiftEndedAt, Instant clearBy, List<Item> items) {

        /** The ids of the items still to be cleared. */
        public List<String> outstanding() {
            return items.stream().filter(Item::outstanding).map(Item::ticketId).toList();
        }
    }

    /** Builds the night's list from the tickets open at the end of the shift (id to state); once. */
    public boolean build(String storeId, LocalDate date, Instant shiftEndedAt, Instant clearBy,
                         Map<String, String> openTickets) {
        List<Document> items = new ArrayList<>();
        openTickets.forEach((ticketId, status) -> items.add(new Document("ticketId", ticketId)
                .append("statusAtShiftEnd", status)));
        try {
            handovers.insertOne(new Document("_id", id(storeId, date)).append("storeId", storeId)
                    .append("date", date.toString()).append("shiftEndedAt", Date.from(shiftEndedAt))
                    .append("clearBy", Date.from(clearBy)).append("items", items)
                    .append("outstanding", items.size()).append("version", 0L));
            return true;
        } catch (MongoWriteException built) {
            if (built.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw built;
            }
            return false;
        }
    }

    public Optional<Handover> find(String storeId, LocalDate date) {
        return Optional.ofNullable(handovers.find(Filters.eq("_id", id(storeId, date))).first()).map(Handovers::handover);
    }

    /** The store whose list of that night holds the ticket. */
    public Optional<String> storeOf(LocalDate date, String ticketId) {
        return Optional.ofNullable(handovers.find(Filters.and(Filters.eq("date", date.toString()),
                Filters.eq("items.ticketId", ticketId))).first()).map(doc -> doc.getString("storeId"));
    }

    /**
     * Clears the ticket's item: records who and when, once (clearing again keeps the first). Empty when the
     * list holds no such item.
     */
    public Optional<Handover> clear(String storeId, LocalDate date, String ticketId, String by, Instant at) {
        return change(storeId, date, ticketId, item -> item.get("clearedAt") != null ? item
                : item.append("clearedBy", by).append("clearedAt", Date.from(at)));
    }

    /** Records what happened to an uncleared item at the clear-by time: escalated, or the ticket was not open. */
    public void settleAtClearBy(String storeId, LocalDate date, String ticketId, boolean escalated, Instant at) {
        change(storeId, date, ticketId, item -> item.get("clearedAt") != null || item.get("atClearBy") != null ? item
                : escalated ? item.append("atClearBy", "ESCALATED").append("escalatedAt", Date.from(at))
                : item.append("atClearBy", "NOT_OPEN"));
    }

    /** Items still to be cleared, by store (lists with none left are not counted). */
    public Map<String, Long> outstandingByStore() {
        Map<String, Long> byStore = new LinkedHashMap<>();
        handovers.find(Filters.gt("outstanding", 0)).forEach(doc ->
                byStore.merge(doc.getString("storeId"), ((Number) doc.get("outstanding")).longValue(), Long::sum));
        return byStore;
    }

    private Optional<Handover> change(String storeId, LocalDate date, String ticketId, UnaryOperator<Document> change) {
        while (true) {
            Document doc = handovers.find(Filters.eq("_id", id(storeId, date))).first();
            if (doc == null) {
                return Optional.empty();
            }
            List<Document> items = new ArrayList<>(doc.getList("items", Document.class));
            int index = -1;
            for (int i = 0; i < items.size(); i++) {
                if (ticketId.equals(items.get(i).getString("ticketId"))) {
                    index = i;
                }
            }
            if (index < 0) {
                return Optional.empty();
            }
            items.set(index, change.apply(new Document(items.get(index))));
            long version = ((Number) doc.get("version")).longValue();
            Document next = new Document(doc).append("items", items).append("version", version + 1)
                    .append("outstanding", items.stream().map(Handovers::item).filter(Item::outstanding).count());
            if (handovers.replaceOne(Filters.and(Filters.eq("_id", doc.get("_id")), Filters.eq("version", version)),
                    next).getModifiedCount() == 1) {
                return Optional.of(handover(next));
            }
            // someone changed the list in between: read it again
        }
    }

    private static String id(String storeId, LocalDate date) {
        return storeId + "/" + date;
    }

    private static Handover handover(Document doc) {
        return new Handover(doc.getString("storeId"), LocalDate.parse(doc.getString("date")),
                doc.getDate("shiftEndedAt").toInstant(), doc.getDate("clearBy").toInstant(),
                doc.getList("items", Document.class).stream().map(Handovers::item).toList());
    }

    private static Item item(Document doc) {
        return new Item(doc.getString("ticketId"), doc.getString("statusAtShiftEnd"), doc.getString("clearedBy"),
                instant(doc.getDate("clearedAt")), doc.getString("atClearBy"), instant(doc.getDate("escalatedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
