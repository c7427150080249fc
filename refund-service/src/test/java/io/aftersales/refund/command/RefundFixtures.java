package io.aftersales.refund.command;

import io.aftersales.refund.api.OrderItem;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.PayoutAnswer;
import io.aftersales.refund.api.PayoutOrder;
import io.aftersales.refund.api.RefundIds;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundLineType;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundPayouts;
import io.aftersales.refund.api.RefundRequested;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.ReturnAddress;
import io.aftersales.refund.api.StoreRefundPolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The refund every test starts from: ticket-1's first resolution, on one order line paid 399.00 CNY. */
final class RefundFixtures {

    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final RefundOrigin ORIGIN = RefundOrigin.ticketResolution("ticket-1", 1);
    static final String REFUND = RefundIds.forResolution("ticket-1", 1);
    static final String STORE = "tmall-flagship";
    static final String ORDER = "order-1001";
    static final String ORDER_LINE = "order-1001/JK2611-RED-M";
    static final Money PAID = yuan("399.00");
    static final OrderItem ITEM = new OrderItem(Platform.TMALL, "JK2611-RED-M", "JK2611", "B2026-11-A");
    static final ReturnAddress RETURN_ADDRESS =
            new ReturnAddress("Returns desk", "0571-8888-0000", "Warehouse 3, 18 Binjiang Rd, Hangzhou");
    /** Refunds above 300.00 wait for a supervisor. */
    static final StoreRefundPolicy POLICY = new StoreRefundPolicy(RETURN_ADDRESS, yuan("300.00"));

    private RefundFixtures() {
    }

    static Money yuan(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    static RefundLine line(RefundLineType type, String amount) {
        return new RefundLine(type, yuan(amount));
    }

    static List<RefundLine> goods(String amount) {
        return List.of(line(RefundLineType.GOODS, amount));
    }

    static OpenRefund open(RefundKind kind, List<RefundLine> lines) {
        return open(kind, lines, Responsibility.SELLER, null);
    }

    static OpenRefund open(RefundKind kind, List<RefundLine> lines, Responsibility responsibility, String incident) {
        return new OpenRefund(REFUND, ORIGIN, kind, STORE, ORDER, ORDER_LINE, "buyer-42", PAID, lines, responsibility,
                incident, POLICY, "agent-7", NOW, ITEM);
    }

    static RefundRequested requested(RefundKind kind, List<RefundLine> lines) {
        return requested(kind, lines, Responsibility.SELLER);
    }

    static RefundRequested requested(RefundKind kind, List<RefundLine> lines, Responsibility responsibility) {
        return new RefundRequested(REFUND, ORIGIN, kind, STORE, ORDER, ORDER_LINE, "buyer-42", PAID, lines,
                responsibility, POLICY, "agent-7", NOW, ITEM);
    }

    /** The platform as the tests script it: records every payout asked, answers or fails as told. */
    static final class RecordingPayouts implements RefundPayouts {

        final List<PayoutOrder> asked = new ArrayList<>();
        PayoutAnswer answer = PayoutAnswer.confirmed("tmall-pay-1");
        RuntimeException failure;

        @Override
        public PayoutAnswer requestPayout(PayoutOrder order) {
            asked.add(order);
            if (failure != null) {
                throw failure;
            }
            return answer;
        }
    }
}
