package io.aftersales.feedback.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.aftersales.feedback.api.SkuDelistedForStockCorrection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * SKUs off sale for stock correction, per store: kept apart from the batch-defect delistings (they are no quality
 * incident and count in no quality metric). One line per wrong-shipment entry, created once ({@code $setOnInsert}).
 */
@ProcessingGroup(StockCorrections.PROCESSING_GROUP)
public class StockCorrections {

    public static final String PROCESSING_GROUP = "stock-corrections";
    static final String COLLECTION = "stock_corrections";

    private final MongoCollection<Document> corrections;

    public StockCorrections(MongoDatabase database) {
        this.corrections = database.getCollection(COLLECTION);
        corrections.createIndex(Indexes.ascending("storeId", "sku"));
    }

    @EventHandler
    void on(SkuDelistedForStockCorrection e) {
        try {
            corrections.updateOne(Filters.eq("_id", e.stockCorrectionId()), Updates.combine(
                    Updates.setOnInsert("claimId", e.claimId()), Updates.setOnInsert("storeId", e.storeId()),
                    Updates.setOnInsert("orderId", e.orderId()), Updates.setOnInsert("sku", e.sku()),
                    Updates.setOnInsert("skuExpected", e.skuExpected()), Updates.setOnInsert("quantity", e.quantity()),
                    Updates.setOnInsert("warehouse", e.warehouse()), Updates.setOnInsert("reason", e.reason()),
                    Updates.setOnInsert("delistedBy", e.delistedBy()),
                    Updates.setOnInsert("delistedAt", Date.from(e.delistedAt()))), new UpdateOptions().upsert(true));
        } catch (MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    /** The stock corrections of a store's SKU (every SKU when {@code sku} is null). */
    public List<Document> of(String storeId, String sku) {
        return corrections.find(sku == null ? Filters.eq("storeId", storeId)
                : Filters.and(Filters.eq("storeId", storeId), Filters.eq("sku", sku))).into(new ArrayList<>());
    }
}
