package io.aftersales.refund.command;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.spring.stereotype.Saga;
import io.aftersales.refund.api.Courier;
import io.aftersales.refund.api.InterceptFailed;
import io.aftersales.refund.api.Interception;
import io.aftersales.refund.api.ParcelAlreadyShipped;
import io.aftersales.refund.api.RecordAlreadyShipped;
import io.aftersales.refund.api.RecordInterceptFailed;
import io.aftersales.refund.api.RecordParcelIntercepted;
import io.aftersales.refund.api.RecordShipmentCancelled;
import io.aftersales.refund.api.ShipmentCancellation;
import io.aftersales.refund.api.ShipmentCancellationRequested;
import io.aftersales.refund.api.ShipmentCancelled;
import io.aftersales.refund.api.ParcelIntercepted;
import io.aftersales.refund.api.Warehouse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

import java.time.Instant;

/**
 * A refund before shipment (未发货退款): cancel the shipment in the warehouse; if the parcel already
 * left, ask the courier to intercept it; either way stopped, the refund is approved. When the
 * intercept fails the refund waits for the parcel to come back (the buyer refuses delivery or
 * returns it) and the saga ends: the return leg takes over. The ports answer synchronously; each
 * answer goes back to the {@link Refund} as a command, which records it.
 */
// the saga store serializes the saga with Jackson: its one field is private without a getter
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PreShipmentRefund {

    private String refundId;
    /** The store that shipped the parcel (null in sagas started before it was kept). */
    private String storeId;

    @StartSaga
    @SagaEventHandler(associationProperty = "refundId")
    public void on(ShipmentCancellationRequested event, @Timestamp Instant at, Warehouse warehouse,
                   CommandGateway commands) {
        refundId = event.refundId();
        storeId = event.storeId();
        ShipmentCancellation answer = warehouse.cancelShipment(event.refundId(), event.storeId(), event.orderId(),
                event.orderLineId());
        if (answer.cancelled()) {
            commands.sendAndWait(new RecordShipmentCancelled(refundId, at));
        } else {
            commands.sendAndWait(new RecordAlreadyShipped(refundId, answer.courier(), answer.trackingNumber(), at));
        }
    }

    @SagaEventHandler(associationProperty = "refundId")
    public void on(ParcelAlreadyShipped event, @Timestamp Instant at, Courier courier, CommandGateway commands) {
        Interception answer = courier.intercept(refundId, storeId, event.courier(), event.trackingNumber());
        if (answer.intercepted()) {
            commands.sendAndWait(new RecordParcelIntercepted(refundId, at));
        } else {
            commands.sendAndWait(new RecordInterceptFailed(refundId, answer.reason(), at));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "refundId")
    public void on(ShipmentCancelled event) {
        // stopped in the warehouse: the refund is approved
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "refundId")
    public void on(ParcelIntercepted event) {
        // stopped by the courier: the refund is approved
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "refundId")
    public void on(InterceptFailed event) {
        // the return leg takes over
    }
}
