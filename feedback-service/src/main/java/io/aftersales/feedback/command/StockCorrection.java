package io.aftersales.feedback.command;

import io.aftersales.feedback.api.Actors;
import io.aftersales.feedback.api.DelistForStockCorrection;
import io.aftersales.feedback.api.SkuDelistedForStockCorrection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A SKU taken off sale in one store because the warehouse shipped it wrongly or in excess (wrong-shipment register):
 * a stock correction, kept apart from the batch-defect incidents of {@link ProductBatch}. The same entry again
 * changes nothing.
 */
@Aggregate
public class StockCorrection {

    @AggregateIdentifier
    private String stockCorrectionId;
    private boolean delisted;

    protected StockCorrection() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DelistForStockCorrection command) {
        if (delisted) {
            return;
        }
        apply(new SkuDelistedForStockCorrection(command.stockCorrectionId(), command.claimId(), command.storeId(),
                command.orderId(), command.sku(), command.skuExpected(), command.quantity(), command.warehouse(),
                SkuDelistedForStockCorrection.REASON, Actors.SYSTEM, command.requestedAt()));
    }

    @EventSourcingHandler
    void on(SkuDelistedForStockCorrection e) {
        stockCorrectionId = e.stockCorrectionId();
        delisted = true;
    }
}
