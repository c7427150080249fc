package io.aftersales.refund.command;

import io.aftersales.refund.api.Courier;
import io.aftersales.refund.api.InterceptFailed;
import io.aftersales.refund.api.Interception;
import io.aftersales.refund.api.ParcelAlreadyShipped;
import io.aftersales.refund.api.ParcelIntercepted;
import io.aftersales.refund.api.RecordAlreadyShipped;
import io.aftersales.refund.api.RecordInterceptFailed;
import io.aftersales.refund.api.RecordParcelIntercepted;
import io.aftersales.refund.api.RecordShipmentCancelled;
import io.aftersales.refund.api.ShipmentCancellation;
import io.aftersales.refund.api.ShipmentCancellationRequested;
import io.aftersales.refund.api.ShipmentCancelled;
import io.aftersales.refund.api.Warehouse;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.aftersales.refund.command.RefundFixtures.NOW;
import static io.aftersales.refund.command.RefundFixtures.ORDER;
import static io.aftersales.refund.command.RefundFixtures.ORDER_LINE;
import static io.aftersales.refund.command.RefundFixtures.REFUND;
import static io.aftersales.refund.command.RefundFixtures.STORE;
import static org.assertj.core.api.Assertions.assertThat;

class PreShipmentRefundTest {

    private SagaTestFixture<PreShipmentRefund> fixture;
    private ShipmentCancellation warehouseAnswer;
    private Interception courierAnswer;
    private final List<String> warehouseAsked = new ArrayList<>();
    private final List<String> courierAsked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PreShipmentRefund.class);
        fixture.registerResource((Warehouse) (refundId, storeId, orderId, orderLineId) -> {
            warehouseAsked.add(refundId + " " + storeId + " " + orderId + " " + orderLineId);
            return warehouseAnswer;
        });
        fixture.registerResource(new Courier() {
            @Override
            public Interception intercept(String refundId, String courier, String trackingNumber) {
                throw new AssertionError("the courier is asked with the store");
            }

            @Override
            public Interception intercept(String refundId, String storeId, String courier, String trackingNumber) {
                courierAsked.add(refundId + " " + storeId + " " + courier + " " + trackingNumber);
                return courierAnswer;
            }
        });
    }

    @Test
    void a_shipment_the_warehouse_cancels_in_time_is_recorded_and_no_courier_is_asked() {
        warehouseAnswer = ShipmentCancellation.cancelledInTime();
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(cancellationRequested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordShipmentCancelled(REFUND, NOW));
        assertThat(warehouseAsked).containsExactly(REFUND + " " + STORE + " " + ORDER + " " + ORDER_LINE);
        assertThat(courierAsked).isEmpty();
    }

    @Test
    void a_parcel_that_already_left_the_warehouse_is_recorded_with_its_courier_and_tracking_number() {
        warehouseAnswer = ShipmentCancellation.alreadyShipped("SF", "SF1234567890");
        fixture.givenCurrentTime(NOW)
                .whenPublishingA(cancellationRequested())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordAlreadyShipped(REFUND, "SF", "SF1234567890", NOW));
        assertThat(courierAsked).isEmpty();
    }

    @Test
    void a_parcel_already_shipped_is_intercepted_by_its_courier_for_the_store_that_shipped_it() {
        courierAnswer = Interception.succeeded();
        fixture.givenCurrentTime(NOW).andThenAPublished(cancellationRequestedAnsweredWithoutCalls())
                .whenPublishingA(new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RecordParcelIntercepted(REFUND, NOW));
        assertThat(courierAsked).containsExactly(REFUND + " " + STORE + " SF SF1234567890");
    }

    @Test
    void an_intercept_that_fails_is_recorded_with_the_couriers_reason() {
        courierAnswer = Interception.failed("already out for delivery");
        fixture.givenCurrentTime(NOW).andThenAPublished(cancellationRequestedAnsweredWithoutCalls())
                .whenPublishingA(new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .expectDispatchedCommands(new RecordInterceptFailed(REFUND, "already out for delivery", NOW));
    }

    @Test
    void the_saga_ends_when_the_warehouse_cancelled_the_shipment() {
        fixture.givenCurrentTime(NOW).andThenAPublished(cancellationRequestedAnsweredWithoutCalls())
                .whenPublishingA(new ShipmentCancelled(REFUND, NOW))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void the_saga_ends_when_the_courier_intercepted_the_parcel() {
        fixture.givenCurrentTime(NOW).andThenAPublished(cancellationRequestedAnsweredWithoutCalls())
                .andThenAPublished(new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .whenPublishingA(new ParcelIntercepted(REFUND, NOW))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void the_saga_ends_when_the_intercept_failed_and_the_return_leg_takes_over() {
        fixture.givenCurrentTime(NOW).andThenAPublished(cancellationRequestedAnsweredWithoutCalls())
                .andThenAPublished(new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .whenPublishingA(new InterceptFailed(REFUND, "already out for delivery", NOW))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    private static ShipmentCancellationRequested cancellationRequested() {
        return new ShipmentCancellationRequested(REFUND, STORE, ORDER, ORDER_LINE, NOW);
    }

    /** The saga's start in the "given" part: the warehouse answered "already shipped", the courier is set per test. */
    private ShipmentCancellationRequested cancellationRequestedAnsweredWithoutCalls() {
        warehouseAnswer = ShipmentCancellation.alreadyShipped("SF", "SF1234567890");
        if (courierAnswer == null) {
            courierAnswer = Interception.succeeded();
        }
        return cancellationRequested();
    }
}
