package io.aftersales.refund.command;

import io.aftersales.refund.api.AgreeRefund;
import io.aftersales.refund.api.ReserveRefund;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.util.Optional;

/**
 * The handler of {@link AgreeRefund}: counts the refund on its order line's {@link OrderLineLedger},
 * then agrees it, in one unit of work. A refund that would take the line over what was paid is
 * refused ({@code RefundExceedsPaid}) and nothing is recorded; two refunds racing on one line meet
 * at the ledger's next sequence number, and the loser's whole commit fails.
 */
public class RefundAgreements {

    /** The command's meta-data key for the refund version the caller expects (If-Match); absent: any. */
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final Repository<Refund> refunds;
    private final Repository<OrderLineLedger> ledgers;

    public RefundAgreements(Repository<Refund> refunds, Repository<OrderLineLedger> ledgers) {
        this.refunds = refunds;
        this.ledgers = ledgers;
    }

    @CommandHandler
    public void handle(AgreeRefund command, @MetaDataValue(EXPECTED_VERSION) Long expectedVersion) throws Exception {
        // the web's If-Match: a refund changed since the caller looked is refused (ConflictingAggregateVersionException)
        Aggregate<Refund> refund = refunds.load(command.refundId(), expectedVersion);
        Optional<ReserveRefund> reservation = refund.invoke(r -> r.reservationFor(command));
        if (reservation.isPresent()) {
            // the refund's version now: a release for an earlier refusal does not undo this agreement
            ReserveRefund found = reservation.get();
            ReserveRefund reserve = new ReserveRefund(found.orderLineId(), found.paidForLine(), found.refundId(),
                    found.amount(), found.requestedAt(), refund.version());
            ledgers.loadOrCreate(reserve.orderLineId(), OrderLineLedger::new).execute(ledger -> ledger.handle(reserve));
        }
        refund.execute(r -> r.agree(command));
    }
}
