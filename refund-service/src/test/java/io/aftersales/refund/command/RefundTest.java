package io.aftersales.refund.command;

import io.aftersales.refund.api.ActorRole;
import io.aftersales.refund.api.AgreeRefund;
import io.aftersales.refund.api.ApproveRefund;
import io.aftersales.refund.api.CancelRefund;
import io.aftersales.refund.api.CloseRefund;
import io.aftersales.refund.api.ConfirmPayout;
import io.aftersales.refund.api.Disposition;
import io.aftersales.refund.api.FastTrackRefund;
import io.aftersales.refund.api.GoodsReceived;
import io.aftersales.refund.api.InterceptFailed;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.ModifyRefundRequest;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.ParcelAlreadyShipped;
import io.aftersales.refund.api.ParcelIntercepted;
import io.aftersales.refund.api.PaymentDecider;
import io.aftersales.refund.api.PayoutAnswer;
import io.aftersales.refund.api.PayoutOrder;
import io.aftersales.refund.api.PayoutRequested;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.QualityChecked;
import io.aftersales.refund.api.RecordAlreadyShipped;
import io.aftersales.refund.api.RecordGoodsReceived;
import io.aftersales.refund.api.RecordInterceptFailed;
import io.aftersales.refund.api.RecordPaidByPlatform;
import io.aftersales.refund.api.RecordParcelIntercepted;
import io.aftersales.refund.api.RecordQualityCheck;
import io.aftersales.refund.api.RecordReturnShipped;
import io.aftersales.refund.api.RecordShipmentCancelled;
import io.aftersales.refund.api.RefundActionNotAllowed;
import io.aftersales.refund.api.RefundAgreed;
import io.aftersales.refund.api.RefundApproved;
import io.aftersales.refund.api.RefundCancelled;
import io.aftersales.refund.api.RefundClosed;
import io.aftersales.refund.api.RefundExceedsPaid;
import io.aftersales.refund.api.RefundFastTracked;
import io.aftersales.refund.api.RefundIds;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundLineType;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundPaid;
import io.aftersales.refund.api.RefundRefused;
import io.aftersales.refund.api.RefundRequestModified;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.RefundReserved;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.api.RefundStateConflict;
import io.aftersales.refund.api.RefuseRefund;
import io.aftersales.refund.api.RequestPayout;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.ReturnMethod;
import io.aftersales.refund.api.ReturnPostageLineAdded;
import io.aftersales.refund.api.ReturnShipped;
import io.aftersales.refund.api.ShipmentCancellationRequested;
import io.aftersales.refund.api.ShipmentCancelled;
import io.aftersales.refund.api.SupervisorApprovalRequired;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.aftersales.refund.command.RefundFixtures.NOW;
import static io.aftersales.refund.command.RefundFixtures.ORDER;
import static io.aftersales.refund.command.RefundFixtures.ORDER_LINE;
import static io.aftersales.refund.command.RefundFixtures.ORIGIN;
import static io.aftersales.refund.command.RefundFixtures.PAID;
import static io.aftersales.refund.command.RefundFixtures.POLICY;
import static io.aftersales.refund.command.RefundFixtures.REFUND;
import static io.aftersales.refund.command.RefundFixtures.RETURN_ADDRESS;
import static io.aftersales.refund.command.RefundFixtures.STORE;
import static io.aftersales.refund.command.RefundFixtures.goods;
import static io.aftersales.refund.command.RefundFixtures.line;
import static io.aftersales.refund.command.RefundFixtures.open;
import static io.aftersales.refund.command.RefundFixtures.requested;
import static io.aftersales.refund.command.RefundFixtures.yuan;
import static org.assertj.core.api.Assertions.assertThat;

class RefundTest {

    /** Part of the goods: below the store's supervisor threshold of 300.00. */
    private static final List<RefundLine> PART = goods("120.00");
    /** Everything paid for the line: above the threshold. */
    private static final List<RefundLine> ALL = goods("399.00");

    private AggregateTestFixture<Refund> fixture;
    private EmbeddedEventStore ledgerStore;
    private RefundFixtures.RecordingPayouts payouts;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Refund.class);
        payouts = new RefundFixtures.RecordingPayouts();
        fixture.registerInjectableResource(payouts);
        ledgerStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        EventSourcingRepository<OrderLineLedger> ledgers =
                EventSourcingRepository.builder(OrderLineLedger.class).eventStore(ledgerStore).build();
        fixture.registerAnnotatedCommandHandler(new RefundAgreements(fixture.getRepository(), ledgers));
        fixture.registerAnnotatedCommandHandler(new PlatformPayments(fixture.getRepository(), ledgers));
    }

    @AfterEach
    void tearDown() {
        ledgerStore.shutDown();
    }

    // --- opening ---------------------------------------------------------------------------------------------

    @Test
    void a_refund_from_the_tickets_agreed_resolution_is_opened_as_requested_with_the_stores_policy() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.RETURN_AND_REFUND, PART))
                .expectSuccessfulHandlerExecution()
                .expectEvents(requested(RefundKind.RETURN_AND_REFUND, PART));
    }

    @Test
    void a_refund_requested_on_the_platform_is_opened_under_the_id_its_platform_request_gives() {
        RefundOrigin platform = RefundOrigin.platformRequest(Platform.TMALL, "RF-889");
        String id = RefundIds.forPlatformRequest(Platform.TMALL, "RF-889");
        fixture.givenNoPriorActivity()
                .when(new OpenRefund(id, platform, RefundKind.REFUND_ONLY, STORE, ORDER, ORDER_LINE, "buyer-42", PAID,
                        PART, Responsibility.BUYER, null, POLICY, "tmall-sync", NOW, RefundFixtures.ITEM))
                .expectEvents(new RefundRequested(id, platform, RefundKind.REFUND_ONLY, STORE, ORDER, ORDER_LINE,
                        "buyer-42", PAID, PART, Responsibility.BUYER, POLICY, "tmall-sync", NOW, RefundFixtures.ITEM));
    }

    @Test
    void the_same_origin_always_gives_the_same_refund_id_so_a_redelivery_meets_the_first_refund() {
        assertThat(RefundIds.forResolution("ticket-1", 1)).isEqualTo(ORIGIN.refundId())
                .isNotEqualTo(RefundIds.forResolution("ticket-1", 2));
        assertThat(RefundIds.forPlatformRequest(Platform.TMALL, "RF-889"))
                .isEqualTo(RefundOrigin.platformRequest(Platform.TMALL, "RF-889").refundId())
                .isNotEqualTo(RefundIds.forPlatformRequest(Platform.JD, "RF-889"));
    }

    @Test
    void a_refund_under_another_id_than_its_origin_gives_is_refused() {
        OpenRefund c = open(RefundKind.REFUND_ONLY, PART);
        fixture.givenNoPriorActivity()
                .when(new OpenRefund("random-id", c.origin(), c.kind(), c.storeId(), c.orderId(), c.orderLineId(),
                        c.buyerId(), c.paidForLine(), c.lines(), c.responsibility(), null, c.policy(), c.actor(),
                        c.requestedAt(), c.item()))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_without_lines_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.REFUND_ONLY, List.of()))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_line_of_zero_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.REFUND_ONLY, goods("0.00")))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_only_of_return_postage_is_refused_because_it_pays_back_nothing_of_the_order_line() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.REFUND_ONLY, List.of(line(RefundLineType.RETURN_SHIPPING, "12.00"))))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void an_exchange_with_money_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.EXCHANGE, PART))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_partial_refund_attributes_each_line_shipping_fee_and_price_difference() {
        List<RefundLine> partial = List.of(line(RefundLineType.PRICE_DIFFERENCE, "30.00"),
                line(RefundLineType.GOODWILL, "10.00"));
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.REFUND_ONLY, partial))
                .expectEvents(requested(RefundKind.REFUND_ONLY, partial));
    }

    @Test
    void a_refund_on_a_confirmed_batch_defect_is_opened_fast_tracked() {
        fixture.givenNoPriorActivity()
                .when(open(RefundKind.RETURN_AND_REFUND, PART, Responsibility.SELLER, "incident-1"))
                .expectEvents(requested(RefundKind.RETURN_AND_REFUND, PART),
                        new RefundFastTracked(REFUND, "incident-1", NOW));
    }

    // --- agreement and the order-line ledger --------------------------------------------------------------------

    @Test
    void agreeing_a_return_and_refund_gives_the_buyer_the_stores_return_address_and_counts_it_on_the_order_line() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, PART))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.RETURN_AND_REFUND, RETURN_ADDRESS, "agent-7", NOW));
        // counted at the refund's version when agreed: a release for an older refusal leaves it counted
        assertThat(ledger()).containsExactly(new RefundReserved(ORDER_LINE, PAID, REFUND, yuan("120.00"), NOW, 0L));
    }

    @Test
    void agreeing_a_refund_only_approves_it() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.REFUND_ONLY, null, "agent-7", NOW),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "agent-7", NOW));
    }

    @Test
    void agreeing_a_refund_above_the_stores_threshold_waits_for_a_supervisor() {
        fixture.given(requested(RefundKind.REFUND_ONLY, ALL))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.REFUND_ONLY, null, "agent-7", NOW),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW));
    }

    @Test
    void a_supervisor_approves_a_refund_above_the_threshold() {
        fixture.given(requested(RefundKind.REFUND_ONLY, ALL), agreed(RefundKind.REFUND_ONLY),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW))
                .when(new ApproveRefund(REFUND, ActorRole.SUPERVISOR, "supervisor-1", NOW))
                .expectEvents(new RefundApproved(REFUND, yuan("399.00"), ALL, "supervisor-1", NOW));
    }

    @Test
    void an_agent_may_not_approve_a_refund_above_the_threshold() {
        fixture.given(requested(RefundKind.REFUND_ONLY, ALL), agreed(RefundKind.REFUND_ONLY),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW))
                .when(new ApproveRefund(REFUND, ActorRole.AGENT, "agent-7", NOW))
                .expectException(RefundActionNotAllowed.class)
                .expectNoEvents();
    }

    @Test
    void a_supervisor_approval_of_a_refund_that_does_not_wait_for_one_is_refused() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new ApproveRefund(REFUND, ActorRole.SUPERVISOR, "supervisor-1", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_that_would_take_the_order_line_over_what_was_paid_is_refused_and_nothing_is_recorded() {
        givenOnTheLedger(new RefundReserved(ORDER_LINE, PAID, "earlier-refund", yuan("300.00"), NOW));
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(agree())
                .expectException(RefundExceedsPaid.class)
                .expectNoEvents();
        assertThat(ledger()).hasSize(1);
    }

    @Test
    void a_refund_taking_the_order_line_exactly_to_what_was_paid_is_agreed() {
        givenOnTheLedger(new RefundReserved(ORDER_LINE, PAID, "earlier-refund", yuan("279.00"), NOW));
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(agree())
                .expectSuccessfulHandlerExecution();
        assertThat(ledger()).hasSize(2);
    }

    @Test
    void return_postage_reimbursed_to_the_buyer_is_not_counted_against_the_order_lines_price() {
        List<RefundLine> withPostage = List.of(line(RefundLineType.GOODS, "120.00"),
                line(RefundLineType.RETURN_SHIPPING, "12.00"));
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, withPostage))
                .when(agree())
                .expectSuccessfulHandlerExecution();
        assertThat(ledger()).containsExactly(new RefundReserved(ORDER_LINE, PAID, REFUND, yuan("120.00"), NOW, 0L));
    }

    @Test
    void agreeing_an_exchange_counts_no_money_on_the_order_line_and_waits_for_the_return() {
        fixture.given(requested(RefundKind.EXCHANGE, List.of()))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.EXCHANGE, RETURN_ADDRESS, "agent-7", NOW));
        assertThat(ledger()).isEmpty();
    }

    @Test
    void agreeing_a_refund_before_shipment_asks_the_warehouse_to_cancel_the_shipment() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, ALL))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.BEFORE_SHIPMENT, null, "agent-7", NOW),
                        new ShipmentCancellationRequested(REFUND, STORE, ORDER, ORDER_LINE, NOW));
    }

    @Test
    void a_refund_agreed_already_cannot_be_agreed_again_and_is_not_counted_twice() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, PART), agreed(RefundKind.RETURN_AND_REFUND))
                .when(agree())
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
        assertThat(ledger()).isEmpty();
    }

    // --- refusal, modification, cancellation ----------------------------------------------------------------

    @Test
    void the_seller_refuses_a_request_with_the_reason_the_buyer_sees() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new RefuseRefund(REFUND, "worn, tags removed", "agent-7", NOW))
                .expectEvents(new RefundRefused(REFUND, "worn, tags removed", "agent-7", NOW));
    }

    @Test
    void a_refusal_without_a_reason_is_refused() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new RefuseRefund(REFUND, " ", "agent-7", NOW))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_supervisor_may_refuse_a_refund_waiting_for_approval() {
        fixture.given(requested(RefundKind.REFUND_ONLY, ALL), agreed(RefundKind.REFUND_ONLY),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW))
                .when(new RefuseRefund(REFUND, "goodwill too high", "supervisor-1", NOW))
                .expectEvents(new RefundRefused(REFUND, "goodwill too high", "supervisor-1", NOW));
    }

    @Test
    void a_refund_waiting_for_its_return_cannot_be_refused_by_the_seller() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, PART), agreed(RefundKind.RETURN_AND_REFUND))
                .when(new RefuseRefund(REFUND, "changed my mind", "agent-7", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void the_buyer_modifies_a_refused_request_and_asks_again() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), refused())
                .when(new ModifyRefundRequest(REFUND, goods("60.00"), "buyer-42", NOW))
                .expectEvents(new RefundRequestModified(REFUND, goods("60.00"), "buyer-42", NOW));
    }

    @Test
    void a_modified_request_is_agreed_with_its_new_amount() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), refused(),
                        new RefundRequestModified(REFUND, goods("60.00"), "buyer-42", NOW))
                .when(agree())
                .expectEvents(new RefundAgreed(REFUND, RefundKind.REFUND_ONLY, null, "agent-7", NOW),
                        new RefundApproved(REFUND, yuan("60.00"), goods("60.00"), "agent-7", NOW));
        assertThat(ledger()).containsExactly(new RefundReserved(ORDER_LINE, PAID, REFUND, yuan("60.00"), NOW, 2L));
    }

    @Test
    void a_request_that_was_not_refused_cannot_be_modified() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new ModifyRefundRequest(REFUND, goods("60.00"), "buyer-42", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void the_buyer_cancels_a_request() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new CancelRefund(REFUND, "buyer-42", NOW))
                .expectEvents(new RefundCancelled(REFUND, "buyer-42", NOW));
    }

    @Test
    void the_buyer_cancels_a_refused_request_instead_of_modifying_it() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), refused())
                .when(new CancelRefund(REFUND, "buyer-42", NOW))
                .expectEvents(new RefundCancelled(REFUND, "buyer-42", NOW));
    }

    @Test
    void the_buyer_cancels_before_shipping_the_return() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, PART), agreed(RefundKind.RETURN_AND_REFUND))
                .when(new CancelRefund(REFUND, "buyer-42", NOW))
                .expectEvents(new RefundCancelled(REFUND, "buyer-42", NOW));
    }

    @Test
    void an_approved_refund_cannot_be_cancelled() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new CancelRefund(REFUND, "buyer-42", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_cancelled_refund_cannot_be_agreed() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), new RefundCancelled(REFUND, "buyer-42", NOW))
                .when(agree())
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
        assertThat(ledger()).isEmpty();
    }

    // --- the return leg --------------------------------------------------------------------------------------

    @Test
    void the_buyer_ships_the_return_by_express_with_courier_and_tracking_number() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"));
    }

    @Test
    void a_return_by_ems_is_accepted() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(shipped(ReturnMethod.EMS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EMS, "12.00"));
    }

    @Test
    void a_return_by_ordinary_post_is_refused() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(shipped(ReturnMethod.POST, false, "12.00"))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_cash_on_delivery_return_is_refused() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(shipped(ReturnMethod.EXPRESS, true, "12.00"))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_return_without_a_tracking_number_is_refused() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(new RecordReturnShipped(REFUND, ReturnMethod.EXPRESS, false, "SF", " ", yuan("12.00"),
                        "buyer-42", NOW))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_return_shipped_before_the_seller_agreed_is_refused() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, PART))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void the_seller_at_fault_refunds_the_buyers_return_postage_as_its_own_return_shipping_line() {
        fixture.given(history(waitingForReturn(Responsibility.SELLER)))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"),
                        new ReturnPostageLineAdded(REFUND, line(RefundLineType.RETURN_SHIPPING, "12.00"), NOW));
    }

    @Test
    void the_return_postage_line_is_paid_with_the_goods_once_quality_checked() {
        List<RefundLine> withPostage = List.of(line(RefundLineType.GOODS, "120.00"),
                line(RefundLineType.RETURN_SHIPPING, "12.00"));
        fixture.given(history(waitingForReturn(Responsibility.SELLER), returnShipped(ReturnMethod.EXPRESS, "12.00"),
                        new ReturnPostageLineAdded(REFUND, line(RefundLineType.RETURN_SHIPPING, "12.00"), NOW),
                        received()))
                .when(qc(true, Disposition.RESTOCK, null))
                .expectEvents(checked(true, Disposition.RESTOCK, null),
                        new RefundApproved(REFUND, yuan("132.00"), withPostage, "warehouse-1", NOW));
    }

    @Test
    void the_buyer_at_fault_pays_their_own_return_postage() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"));
    }

    @Test
    void return_postage_already_on_the_refund_is_not_added_a_second_time() {
        List<RefundLine> withPostage = List.of(line(RefundLineType.GOODS, "120.00"),
                line(RefundLineType.RETURN_SHIPPING, "12.00"));
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, withPostage, Responsibility.SELLER),
                        agreed(RefundKind.RETURN_AND_REFUND))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"));
    }

    @Test
    void the_warehouse_records_receipt_of_the_return() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), returnShipped(ReturnMethod.EXPRESS, "12.00")))
                .when(new RecordGoodsReceived(REFUND, "wh-hangzhou", "warehouse-1", NOW))
                .expectEvents(received());
    }

    @Test
    void goods_cannot_be_received_before_they_were_shipped_back() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(new RecordGoodsReceived(REFUND, "wh-hangzhou", "warehouse-1", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void qc_passed_approves_the_refund() {
        fixture.given(history(receivedReturn(Responsibility.BUYER)))
                .when(qc(true, Disposition.RESTOCK, null))
                .expectEvents(checked(true, Disposition.RESTOCK, null),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "warehouse-1", NOW));
    }

    @Test
    void qc_failed_refuses_the_refund_with_the_warehouses_reason() {
        fixture.given(history(receivedReturn(Responsibility.BUYER)))
                .when(qc(false, Disposition.SCRAP, "washed and worn, stain not from the factory"))
                .expectEvents(checked(false, Disposition.SCRAP, "washed and worn, stain not from the factory"),
                        new RefundRefused(REFUND, "washed and worn, stain not from the factory", "warehouse-1", NOW));
    }

    @Test
    void qc_failed_without_a_reason_is_refused() {
        fixture.given(history(receivedReturn(Responsibility.BUYER)))
                .when(qc(false, Disposition.SCRAP, null))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void qc_without_a_disposition_is_refused() {
        fixture.given(history(receivedReturn(Responsibility.BUYER)))
                .when(qc(true, null, null))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void qc_before_the_goods_were_received_is_refused() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), returnShipped(ReturnMethod.EXPRESS, "12.00")))
                .when(qc(true, Disposition.RESTOCK, null))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void qc_passed_above_the_threshold_waits_for_a_supervisor() {
        fixture.given(requested(RefundKind.RETURN_AND_REFUND, ALL, Responsibility.BUYER),
                        agreed(RefundKind.RETURN_AND_REFUND), returnShipped(ReturnMethod.EXPRESS, "12.00"), received())
                .when(qc(true, Disposition.REPAIR, null))
                .expectEvents(checked(true, Disposition.REPAIR, null),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW));
    }

    @Test
    void an_exchange_uses_the_same_return_leg_and_closes_with_no_money_when_qc_passes() {
        fixture.given(requested(RefundKind.EXCHANGE, List.of(), Responsibility.SELLER), agreed(RefundKind.EXCHANGE),
                        returnShipped(ReturnMethod.EXPRESS, "12.00"), received())
                .when(qc(true, Disposition.RETURN_TO_FACTORY, null))
                .expectEvents(checked(true, Disposition.RETURN_TO_FACTORY, null),
                        new RefundClosed(REFUND, "warehouse-1", NOW));
    }

    @Test
    void an_exchange_adds_no_postage_line_because_it_moves_no_money() {
        fixture.given(requested(RefundKind.EXCHANGE, List.of(), Responsibility.SELLER), agreed(RefundKind.EXCHANGE))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"));
    }

    @Test
    void an_exchange_whose_qc_fails_is_refused_with_the_warehouses_reason() {
        fixture.given(requested(RefundKind.EXCHANGE, List.of(), Responsibility.SELLER), agreed(RefundKind.EXCHANGE),
                        returnShipped(ReturnMethod.EXPRESS, "12.00"), received())
                .when(qc(false, Disposition.SCRAP, "not our product"))
                .expectEvents(checked(false, Disposition.SCRAP, "not our product"),
                        new RefundRefused(REFUND, "not our product", "warehouse-1", NOW));
    }

    // --- fast track ------------------------------------------------------------------------------------------

    @Test
    void a_fast_tracked_refund_is_approved_when_the_return_is_shipped_without_waiting_for_qc() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), new RefundFastTracked(REFUND, "incident-1", NOW)))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "buyer-42", NOW));
    }

    @Test
    void a_fast_tracked_refund_pays_back_the_return_postage_too_when_the_seller_is_at_fault() {
        List<RefundLine> withPostage = List.of(line(RefundLineType.GOODS, "120.00"),
                line(RefundLineType.RETURN_SHIPPING, "12.00"));
        fixture.given(history(waitingForReturn(Responsibility.SELLER), new RefundFastTracked(REFUND, "incident-1", NOW)))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"),
                        new ReturnPostageLineAdded(REFUND, line(RefundLineType.RETURN_SHIPPING, "12.00"), NOW),
                        new RefundApproved(REFUND, yuan("132.00"), withPostage, "buyer-42", NOW));
    }

    @Test
    void a_fast_tracked_refund_still_records_receipt_and_qc_but_a_failed_qc_does_not_take_the_money_back() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), new RefundFastTracked(REFUND, "incident-1", NOW),
                        returnShipped(ReturnMethod.EXPRESS, "12.00"), approved(PART), paid(PaymentDecider.SELLER),
                        received()))
                .when(qc(false, Disposition.RETURN_TO_FACTORY, "batch defect confirmed"))
                .expectEvents(checked(false, Disposition.RETURN_TO_FACTORY, "batch defect confirmed"));
    }

    @Test
    void a_batch_defect_confirmed_while_the_return_is_in_transit_approves_the_refund_at_once() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), returnShipped(ReturnMethod.EXPRESS, "12.00")))
                .when(new FastTrackRefund(REFUND, "incident-1", NOW))
                .expectEvents(new RefundFastTracked(REFUND, "incident-1", NOW),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "system", NOW));
    }

    @Test
    void a_batch_defect_confirmed_before_the_return_is_shipped_waits_for_the_shipment() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER)))
                .when(new FastTrackRefund(REFUND, "incident-1", NOW))
                .expectEvents(new RefundFastTracked(REFUND, "incident-1", NOW));
    }

    @Test
    void a_batch_defect_confirmed_twice_is_recorded_once() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), new RefundFastTracked(REFUND, "incident-1", NOW)))
                .when(new FastTrackRefund(REFUND, "incident-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // --- refund before shipment (the saga's answers) ------------------------------------------------------------

    @Test
    void a_shipment_cancelled_in_the_warehouse_approves_the_refund() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART), agreed(RefundKind.BEFORE_SHIPMENT))
                .when(new RecordShipmentCancelled(REFUND, NOW))
                .expectEvents(new ShipmentCancelled(REFUND, NOW),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "system", NOW));
    }

    @Test
    void a_parcel_that_already_left_is_intercepted() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART), agreed(RefundKind.BEFORE_SHIPMENT))
                .when(new RecordAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .expectEvents(new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW));
    }

    @Test
    void an_intercepted_parcel_approves_the_refund() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART), agreed(RefundKind.BEFORE_SHIPMENT),
                        new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .when(new RecordParcelIntercepted(REFUND, NOW))
                .expectEvents(new ParcelIntercepted(REFUND, NOW),
                        new RefundApproved(REFUND, yuan("120.00"), PART, "system", NOW));
    }

    @Test
    void a_failed_intercept_waits_for_the_buyer_to_refuse_delivery_or_return_the_parcel() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART), agreed(RefundKind.BEFORE_SHIPMENT),
                        new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW))
                .when(new RecordInterceptFailed(REFUND, "already out for delivery", NOW))
                .expectEvents(new InterceptFailed(REFUND, "already out for delivery", NOW));
    }

    @Test
    void after_a_failed_intercept_the_parcel_comes_back_through_the_return_leg() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART, Responsibility.BUYER),
                        agreed(RefundKind.BEFORE_SHIPMENT),
                        new ParcelAlreadyShipped(REFUND, "SF", "SF1234567890", NOW),
                        new InterceptFailed(REFUND, "already out for delivery", NOW))
                .when(shipped(ReturnMethod.EXPRESS, false, "12.00"))
                .expectEvents(returnShipped(ReturnMethod.EXPRESS, "12.00"));
    }

    @Test
    void a_warehouse_cancellation_of_a_refund_not_stopping_its_shipment_is_refused() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new RecordShipmentCancelled(REFUND, NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void an_intercept_answer_before_the_parcel_was_found_shipped_is_refused() {
        fixture.given(requested(RefundKind.BEFORE_SHIPMENT, PART), agreed(RefundKind.BEFORE_SHIPMENT))
                .when(new RecordParcelIntercepted(REFUND, NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    // --- payout exactly once ---------------------------------------------------------------------------------

    @Test
    void an_approved_refund_asks_the_platform_once_with_its_id_as_idempotency_key_and_is_paid_when_confirmed() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new RequestPayout(REFUND, NOW))
                .expectEvents(new PayoutRequested(REFUND, REFUND, yuan("120.00"), NOW),
                        new RefundPaid(REFUND, yuan("120.00"), PaymentDecider.SELLER, "tmall-pay-1", null, NOW));
        assertThat(payouts.asked).containsExactly(
                new PayoutOrder(REFUND, ORIGIN, STORE, ORDER, ORDER_LINE, yuan("120.00"), PART,
                        RefundFixtures.ITEM));
    }

    @Test
    void a_payout_the_platform_confirms_later_waits_in_payout_requested() {
        payouts.answer = PayoutAnswer.pending();
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new RequestPayout(REFUND, NOW))
                .expectEvents(new PayoutRequested(REFUND, REFUND, yuan("120.00"), NOW));
    }

    @Test
    void the_platforms_notification_of_a_requested_payout_pays_the_refund() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested())
                .when(new ConfirmPayout(REFUND, "tmall-pay-1", NOW))
                .expectEvents(new RefundPaid(REFUND, yuan("120.00"), PaymentDecider.SELLER, "tmall-pay-1", null, NOW));
    }

    @Test
    void a_notification_after_the_synchronous_confirmation_changes_nothing() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested(), paid(PaymentDecider.SELLER))
                .when(new ConfirmPayout(REFUND, "tmall-pay-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_payout_requested_again_asks_the_platform_nothing_more() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested())
                .when(new RequestPayout(REFUND, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(payouts.asked).isEmpty();
    }

    @Test
    void a_paid_refund_asks_the_platform_nothing_more() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested(), paid(PaymentDecider.SELLER))
                .when(new RequestPayout(REFUND, NOW))
                .expectNoEvents();
        assertThat(payouts.asked).isEmpty();
    }

    @Test
    void a_platform_that_could_not_be_asked_leaves_the_refund_approved_to_be_asked_again_with_the_same_key() {
        payouts.failure = new IllegalStateException("platform timed out");
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new RequestPayout(REFUND, NOW))
                .expectException(IllegalStateException.class)
                .expectNoEvents();
        assertThat(payouts.asked).extracting(PayoutOrder::idempotencyKey).containsExactly(REFUND);
    }

    @Test
    void a_refund_not_approved_is_not_paid_out() {
        fixture.given(requested(RefundKind.REFUND_ONLY, ALL), agreed(RefundKind.REFUND_ONLY),
                        new SupervisorApprovalRequired(REFUND, yuan("399.00"), yuan("300.00"), NOW))
                .when(new RequestPayout(REFUND, NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
        assertThat(payouts.asked).isEmpty();
    }

    @Test
    void a_confirmation_of_a_payout_never_requested_is_refused() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new ConfirmPayout(REFUND, "tmall-pay-1", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_the_platform_auto_approved_after_the_deadline_is_recorded_as_paid_by_the_platform() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS after RefundTimeoutRemind", "tmall-pay-9", NOW))
                .expectEvents(new RefundPaid(REFUND, yuan("120.00"), PaymentDecider.PLATFORM, "tmall-pay-9",
                        "SUCCESS after RefundTimeoutRemind", NOW));
    }

    @Test
    void a_refund_the_platform_paid_before_the_seller_agreed_is_counted_on_its_order_line_even_above_what_was_paid() {
        givenOnTheLedger(new RefundReserved(ORDER_LINE, PAID, "earlier-refund", yuan("300.00"), NOW));
        fixture.given(requested(RefundKind.REFUND_ONLY, PART))
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS after RefundTimeoutRemind", "tmall-pay-9", NOW))
                .expectEvents(new RefundPaid(REFUND, yuan("120.00"), PaymentDecider.PLATFORM, "tmall-pay-9",
                        "SUCCESS after RefundTimeoutRemind", NOW));
        assertThat(ledger()).contains(new RefundReserved(ORDER_LINE, PAID, REFUND, yuan("120.00"), NOW, 0L));
    }

    @Test
    void a_refund_the_platform_paid_after_the_seller_agreed_is_not_counted_twice() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested())
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS", "tmall-pay-1", NOW))
                .expectSuccessfulHandlerExecution();
        assertThat(ledger()).isEmpty(); // the fixture's agreement is given as events: nothing was counted here
    }

    @Test
    void a_platform_payment_after_the_seller_approved_is_the_sellers_payout() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested())
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS", "tmall-pay-1", NOW))
                .expectEvents(new RefundPaid(REFUND, yuan("120.00"), PaymentDecider.SELLER, "tmall-pay-1", "SUCCESS",
                        NOW));
    }

    @Test
    void a_platform_payment_reported_twice_is_recorded_once() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), paid(PaymentDecider.PLATFORM))
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS", "tmall-pay-9", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_platform_payment_of_a_cancelled_refund_is_refused() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), new RefundCancelled(REFUND, "buyer-42", NOW))
                .when(new RecordPaidByPlatform(REFUND, "SUCCESS", "tmall-pay-9", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    // --- closing ---------------------------------------------------------------------------------------------

    @Test
    void a_paid_refund_only_is_closed() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested(), paid(PaymentDecider.SELLER))
                .when(new CloseRefund(REFUND, "agent-7", NOW))
                .expectEvents(new RefundClosed(REFUND, "agent-7", NOW));
    }

    @Test
    void a_closed_refund_closed_again_changes_nothing() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART),
                        payoutRequested(), paid(PaymentDecider.SELLER), new RefundClosed(REFUND, "system", NOW))
                .when(new CloseRefund(REFUND, "system", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_refund_not_paid_yet_cannot_be_closed() {
        fixture.given(requested(RefundKind.REFUND_ONLY, PART), agreed(RefundKind.REFUND_ONLY), approved(PART))
                .when(new CloseRefund(REFUND, "agent-7", NOW))
                .expectException(RefundStateConflict.class)
                .expectNoEvents();
    }

    @Test
    void a_fast_tracked_refund_paid_while_its_return_is_on_the_way_is_closed_only_after_qc() {
        fixture.given(history(waitingForReturn(Responsibility.BUYER), new RefundFastTracked(REFUND, "incident-1", NOW),
                        returnShipped(ReturnMethod.EXPRESS, "12.00"), approved(PART), paid(PaymentDecider.SELLER)))
                .when(new CloseRefund(REFUND, "agent-7", NOW))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static AgreeRefund agree() {
        return new AgreeRefund(REFUND, "agent-7", NOW);
    }

    private static RefundAgreed agreed(RefundKind kind) {
        return new RefundAgreed(REFUND, kind, kind.goodsComeBack() ? RETURN_ADDRESS : null, "agent-7", NOW);
    }

    private static RefundApproved approved(List<RefundLine> lines) {
        Money total = lines.stream().map(RefundLine::amount).reduce(Money::plus).orElseThrow();
        return new RefundApproved(REFUND, total, lines, "agent-7", NOW);
    }

    private static RefundRefused refused() {
        return new RefundRefused(REFUND, "worn, tags removed", "agent-7", NOW);
    }

    private static PayoutRequested payoutRequested() {
        return new PayoutRequested(REFUND, REFUND, yuan("120.00"), NOW);
    }

    private static RefundPaid paid(PaymentDecider decider) {
        return new RefundPaid(REFUND, yuan("120.00"), decider, "tmall-pay-1", null, NOW);
    }

    private static List<Object> waitingForReturn(Responsibility responsibility) {
        return List.of(requested(RefundKind.RETURN_AND_REFUND, PART, responsibility),
                agreed(RefundKind.RETURN_AND_REFUND));
    }

    private static List<Object> receivedReturn(Responsibility responsibility) {
        return List.of(requested(RefundKind.RETURN_AND_REFUND, PART, responsibility),
                agreed(RefundKind.RETURN_AND_REFUND), returnShipped(ReturnMethod.EXPRESS, "12.00"), received());
    }

    private static RecordReturnShipped shipped(ReturnMethod method, boolean cashOnDelivery, String postage) {
        return new RecordReturnShipped(REFUND, method, cashOnDelivery, "SF", "SF9876543210", yuan(postage),
                "buyer-42", NOW);
    }

    private static ReturnShipped returnShipped(ReturnMethod method, String postage) {
        return new ReturnShipped(REFUND, method, "SF", "SF9876543210", yuan(postage), "buyer-42", NOW);
    }

    private static GoodsReceived received() {
        return new GoodsReceived(REFUND, "wh-hangzhou", "warehouse-1", NOW);
    }

    private static RecordQualityCheck qc(boolean passed, Disposition disposition, String reason) {
        return new RecordQualityCheck(REFUND, passed, disposition, reason, "warehouse-1", NOW);
    }

    private static QualityChecked checked(boolean passed, Disposition disposition, String reason) {
        return new QualityChecked(REFUND, passed, disposition, reason, "warehouse-1", NOW);
    }

    /** The events in order, the lists among them flattened. */
    private static List<Object> history(Object... parts) {
        List<Object> events = new java.util.ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                events.addAll(list);
            } else {
                events.add(part);
            }
        }
        return events;
    }

    private void givenOnTheLedger(Object... events) {
        for (int i = 0; i < events.length; i++) {
            ledgerStore.publish(new GenericDomainEventMessage<>("OrderLineLedger", ORDER_LINE, i, events[i]));
        }
    }

    private List<Object> ledger() {
        return ledgerStore.readEvents(ORDER_LINE).asStream().map(Message::getPayload).map(Object.class::cast).toList();
    }
}
