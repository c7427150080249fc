package io.aftersales.ticket.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Where intake and the quality listener meet, so that a ticket opened while its batch is being
 * delisted is marked. Two keyed collections, each written synchronously by one
 * side and read by the other:
 * <ul>
 *   <li>{@code confirmed_batch_defects}: the batches QA confirmed defective and has not cleared yet,
 *       written by the listener before it looks for tickets;</li>
 *   <li>{@code batch_intakes}: "ticket T is being opened on batch B", written by intake before it
 *       checks for a confirmed defect (not the ticket list, which a tracking processor fills later).</li>
 * </ul>
 * Each side writes first and reads the other's collection second. With single-document writes and
 * reads on one primary, two such pairs cannot both miss each other: if intake's read missed the
 * listener's write, that read came before the write, so intake's own write (earlier still) comes
 * before the listener's read, which finds it; and the other way round. Whichever comes second sees
 * the first; both seeing each other is harmless (confirming a ticket is idempotent per incident).
 */
public class ConfirmedBatchDefects {

    static final String COLLECTION = "confirmed_batch_defects";
    static final String INTAKES = "batch_intakes";

    private final MongoCollection<Document> defects;
    private final MongoCollection<Document> intakes;

    public ConfirmedBatchDefects(MongoDatabase database) {
        this.defects = database.getCollection(COLLECTION);
        this.intakes = database.getCollection(INTAKES);
        intakes.createIndex(Indexes.ascending("product", "batch"));
    }

    /**
     * Records (or moves on to) the incident of a batch. A redelivered older delisting does not
     * replace a newer incident: the newer {@code confirmedAt} stays.
     */
    public void confirmed(String product, String batch, String incidentId, Instant at) {
        String key = key(product, batch);
        defects.updateOne(Filters.and(Filters.eq("_id", key), Filters.lt("confirmedAt", Date.from(at))),
                Updates.combine(Updates.set("incidentId", incidentId), Updates.set("confirmedAt", Date.from(at))));
        try {
            defects.updateOne(Filters.eq("_id", key), Updates.combine(
                            Updates.setOnInsert("product", product), Updates.setOnInsert("batch", batch),
                            Updates.setOnInsert("incidentId", incidentId), Updates.setOnInsert("confirmedAt", Date.from(at))),
                    new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    /** Clears the batch, unless a newer incident has confirmed it again since. */
    public void cleared(String product, String batch, String incidentId) {
        defects.deleteOne(Filters.and(Filters.eq("_id", key(product, batch)), Filters.eq("incidentId", incidentId)));
    }

    public Optional<String> activeIncident(String product, String batch) {
        if (product == null || batch == null) {
            return Optional.empty();
        }
        Document found = defects.find(Filters.eq("_id", key(product, batch))).first();
        return Optional.ofNullable(found).map(doc -> doc.getString("incidentId"));
    }

    /** Intake: ticket {@code ticketId} is being opened on this batch (idempotent; the first registration stays). */
    public void intakeStarted(String ticketId, String product, String batch, Instant at) {
        try {
            intakes.updateOne(Filters.eq("_id", ticketId), Updates.combine(Updates.setOnInsert("product", product),
                            Updates.setOnInsert("batch", batch), Updates.setOnInsert("startedAt", Date.from(at))),
                    new UpdateOptions().upsert(true));
        } catch (com.mongodb.MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    /** Every ticket intake started on this batch, oldest first. */
    public List<Intake> intakesOn(String product, String batch) {
        List<Intake> found = new ArrayList<>();
        intakes.find(Filters.and(Filters.eq("product", product), Filters.eq("batch", batch)))
                .sort(Indexes.ascending("startedAt"))
                .forEach(doc -> found.add(new Intake(doc.getString("_id"), doc.getDate("startedAt").toInstant())));
        return found;
    }

    public record Intake(String ticketId, Instant startedAt) {
    }

    private static String key(String product, String batch) {
        return product + "\u001f" + batch;
    }
}
