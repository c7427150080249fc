package io.aftersales.refund.command;

import io.aftersales.refund.api.RecordPaidByPlatform;
import io.aftersales.refund.api.ReserveRefund;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;

/**
 * The handler of {@link RecordPaidByPlatform}: the platform paid by itself (lifecycle.md §5, "PAID by
 * platform"). A refund the seller never agreed to (still requested, or refused) was never counted on
 * its order line: it is counted now, in the same unit of work, and never refused, because the money
 * is gone (an order line paid back twice shows it over what was paid). Then the refund records the
 * payment; a second notification changes nothing.
 */
public class PlatformPayments {

    private final Repository<Refund> refunds;
    private final Repository<OrderLineLedger> ledgers;

    public PlatformPayments(Repository<Refund> refunds, Repository<OrderLineLedger> ledgers) {
        this.refunds = refunds;
        this.ledgers = ledgers;
    }

    @CommandHandler
    public void handle(RecordPaidByPlatform command) throws Exception {
        Aggregate<Refund> refund = refunds.load(command.refundId());
        Optional<ReserveRefund> counting = refund.invoke(r -> r.countingFor(command));
        if (counting.isPresent()) {
            ReserveRefund found = counting.get();
            ReserveRefund count = new ReserveRefund(found.orderLineId(), found.paidForLine(), found.refundId(),
                    found.amount(), found.requestedAt(), refund.version());
            ledgers.loadOrCreate(count.orderLineId(), OrderLineLedger::new)
                    .execute(ledger -> ledger.countPaidByPlatform(count));
        }
        refund.execute(r -> r.paidByPlatform(command));
    }
}
