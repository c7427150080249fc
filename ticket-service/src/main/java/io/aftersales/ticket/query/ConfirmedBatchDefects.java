package io.aftersales.ticket.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The batches QA confirmed defective and has not cleared yet, as announced on the quality topic:
 * a ticket opened on such a batch is marked at intake, not only those open at delisting time.
 */
public class ConfirmedBatchDefects {

    static final String COLLECTION = "confirmed_batch_defects";

    private final MongoCollection<Document> defects;

    public ConfirmedBatchDefects(MongoDatabase database) {
        this.defects = database.getCollection(COLLECTION);
    }

    public void confirmed(String product, String batch, String incidentId, Instant at) {
        defects.replaceOne(Filters.eq("_id", key(product, batch)),
                new Document("_id", key(product, batch)).append("product", product).append("batch", batch)
                        .append("incidentId", incidentId).append("confirmedAt", Date.from(at)),
                new ReplaceOptions().upsert(true));
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

    private static String key(String product, String batch) {
        return product + "\u001f" + batch;
    }
}
