package io.aftersales.ticket.messaging;

import io.aftersales.contracts.EvidenceRef;
import io.aftersales.contracts.Money;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.platform.messaging.OutgoingEventTranslator;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.TicketOpened;

import java.util.List;
import java.util.Optional;

/** What ticket-service publishes on {@code aftersales.tickets.v1}; remarks stay internal. */
public class TicketEventTranslator implements OutgoingEventTranslator {

    @Override
    public Optional<OutgoingEvent> translate(Object domainEvent) {
        if (domainEvent instanceof TicketOpened e) {
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.tickets.v1.TicketOpened.TYPE, e.ticketId(),
                    new io.aftersales.contracts.tickets.v1.TicketOpened(e.ticketId(), e.storeId(), e.platform().name(),
                            e.orderId(), e.externalId(), e.buyerId(), e.vip(), e.sku(), e.styleCode(), e.batch(),
                            e.quantity(), new Money(e.paidAmount().amount().toPlainString(), e.paidAmount().currency()),
                            e.signedAt(), e.category().name(), e.defectType(),
                            e.responsibility() == null ? null : e.responsibility().name(),
                            evidence(e.evidence()), e.openedBy(), e.openedAt())));
        }
        if (domainEvent instanceof DefectReported e) {
            return Optional.of(new OutgoingEvent(io.aftersales.contracts.tickets.v1.DefectReported.TYPE, e.ticketId(),
                    new io.aftersales.contracts.tickets.v1.DefectReported(e.ticketId(), e.storeId(), e.platform().name(),
                            e.buyerId(), e.sku(), e.styleCode(), e.product(), e.batch(), e.category().name(),
                            e.defectType(), e.quantity(), evidence(e.evidence()), e.reportedBy(), e.reportedAt())));
        }
        return Optional.empty();
    }

    private static List<EvidenceRef> evidence(List<Evidence> evidence) {
        return evidence.stream().map(item -> new EvidenceRef(item.kind(), item.ref())).toList();
    }
}
