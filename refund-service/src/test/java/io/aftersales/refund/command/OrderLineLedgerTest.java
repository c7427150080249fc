package io.aftersales.refund.command;

import io.aftersales.refund.api.RefundExceedsPaid;
import io.aftersales.refund.api.RefundReleased;
import io.aftersales.refund.api.RefundReserved;
import io.aftersales.refund.api.RefundRuleViolation;
import io.aftersales.refund.api.ReleaseRefund;
import io.aftersales.refund.api.ReserveRefund;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.aftersales.refund.command.RefundFixtures.NOW;
import static io.aftersales.refund.command.RefundFixtures.ORDER_LINE;
import static io.aftersales.refund.command.RefundFixtures.PAID;
import static io.aftersales.refund.command.RefundFixtures.yuan;

class OrderLineLedgerTest {

    private AggregateTestFixture<OrderLineLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrderLineLedger.class);
    }

    @Test
    void the_first_refund_on_an_order_line_opens_its_ledger_with_what_was_paid() {
        fixture.givenNoPriorActivity()
                .when(reserve("refund-1", "120.00"))
                .expectEvents(reserved("refund-1", "120.00"));
    }

    @Test
    void a_first_refund_above_what_was_paid_is_refused() {
        fixture.givenNoPriorActivity()
                .when(reserve("refund-1", "399.01"))
                .expectException(RefundExceedsPaid.class)
                .expectNoEvents();
    }

    @Test
    void a_second_refund_up_to_exactly_what_was_paid_is_counted() {
        fixture.given(reserved("refund-1", "120.00"))
                .when(reserve("refund-2", "279.00"))
                .expectEvents(reserved("refund-2", "279.00"));
    }

    @Test
    void a_second_refund_taking_the_total_over_what_was_paid_is_refused() {
        fixture.given(reserved("refund-1", "120.00"))
                .when(reserve("refund-2", "279.01"))
                .expectException(RefundExceedsPaid.class)
                .expectNoEvents();
    }

    @Test
    void a_partial_refund_then_a_full_one_is_refused_for_the_part_already_refunded() {
        fixture.given(reserved("refund-1", "30.00"))
                .when(reserve("refund-2", "399.00"))
                .expectException(RefundExceedsPaid.class)
                .expectNoEvents();
    }

    @Test
    void what_was_paid_is_the_ledgers_not_a_later_commands() {
        fixture.given(reserved("refund-1", "120.00"))
                .when(new ReserveRefund(ORDER_LINE, yuan("999.00"), "refund-2", yuan("300.00"), NOW))
                .expectException(RefundExceedsPaid.class)
                .expectNoEvents();
    }

    @Test
    void a_released_refund_no_longer_counts() {
        fixture.given(reserved("refund-1", "300.00"), new RefundReleased(ORDER_LINE, "refund-1", NOW))
                .when(reserve("refund-2", "399.00"))
                .expectEvents(reserved("refund-2", "399.00"));
    }

    @Test
    void the_same_refund_counted_twice_with_the_same_amount_is_counted_once() {
        fixture.given(reserved("refund-1", "300.00"))
                .when(reserve("refund-1", "300.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_modified_refund_counted_again_replaces_its_amount_instead_of_adding_to_it() {
        fixture.given(reserved("refund-1", "300.00"))
                .when(reserve("refund-1", "350.00"))
                .expectEvents(reserved("refund-1", "350.00"));
    }

    @Test
    void a_refund_of_nothing_is_refused() {
        fixture.givenNoPriorActivity()
                .when(reserve("refund-1", "0.00"))
                .expectException(RefundRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_refund_is_released_once() {
        fixture.given(reserved("refund-1", "300.00"), new RefundReleased(ORDER_LINE, "refund-1", NOW))
                .when(new ReleaseRefund(ORDER_LINE, "refund-1", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_counted_refund_is_released() {
        fixture.given(reserved("refund-1", "300.00"))
                .when(new ReleaseRefund(ORDER_LINE, "refund-1", NOW))
                .expectEvents(new RefundReleased(ORDER_LINE, "refund-1", NOW));
    }

    @Test
    void a_release_for_the_refusal_after_the_refunds_agreement_gives_its_amount_back() {
        fixture.given(new RefundReserved(ORDER_LINE, PAID, "refund-1", yuan("300.00"), NOW, 1L))
                .when(new ReleaseRefund(ORDER_LINE, "refund-1", NOW, 4L))
                .expectEvents(new RefundReleased(ORDER_LINE, "refund-1", NOW));
    }

    @Test
    void a_late_release_for_a_refusal_before_the_refund_was_modified_and_agreed_again_keeps_it_counted() {
        // refused at 4, modified at 5, agreed again at version 5: the release for 4 comes after
        fixture.given(new RefundReserved(ORDER_LINE, PAID, "refund-1", yuan("300.00"), NOW, 1L),
                        new RefundReserved(ORDER_LINE, PAID, "refund-1", yuan("200.00"), NOW, 5L))
                .when(new ReleaseRefund(ORDER_LINE, "refund-1", NOW, 4L))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void the_same_amount_agreed_again_after_a_refusal_is_counted_at_its_new_version() {
        fixture.given(new RefundReserved(ORDER_LINE, PAID, "refund-1", yuan("300.00"), NOW, 1L))
                .when(new ReserveRefund(ORDER_LINE, PAID, "refund-1", yuan("300.00"), NOW, 5L))
                .expectEvents(new RefundReserved(ORDER_LINE, PAID, "refund-1", yuan("300.00"), NOW, 5L));
    }

    private static ReserveRefund reserve(String refundId, String amount) {
        return new ReserveRefund(ORDER_LINE, PAID, refundId, yuan(amount), NOW);
    }

    private static RefundReserved reserved(String refundId, String amount) {
        return new RefundReserved(ORDER_LINE, PAID, refundId, yuan(amount), NOW);
    }
}
