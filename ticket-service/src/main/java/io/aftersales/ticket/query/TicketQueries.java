package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketStatus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers for one ticket straight from its event stream: always current (no projection lag right
 * after the ticket was opened), and a ticket's stream is short.
 */
public class TicketQueries {

    private final EventStore eventStore;

    public TicketQueries(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @QueryHandler
    public Optional<TicketView> handle(FindTicket query) {
        TicketView view = null;
        DomainEventStream stream = eventStore.readEvents(query.ticketId());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            view = apply(view, event.getPayload(), event.getSequenceNumber());
        }
        return Optional.ofNullable(view);
    }

    @QueryHandler
    public List<HistoryEntry> handle(FindTicketHistory query) {
        List<HistoryEntry> history = new ArrayList<>();
        DomainEventStream stream = eventStore.readEvents(query.ticketId());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            history.add(new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                    actorOf(event.getPayload()), event.getTimestamp(), event.getPayload()));
        }
        return history;
    }

    /** The view of a ticket whose whole stream is these events (sequence numbers 0, 1, ...). */
    public static TicketView fold(List<Object> events) {
        TicketView view = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            view = apply(view, events.get(sequence), sequence);
        }
        return view;
    }

    static TicketView apply(TicketView view, Object event, long version) {
        if (event instanceof TicketOpened e) {
            return new TicketView(e.ticketId(), e.storeId(), e.platform(), e.orderId(), e.externalId(), e.buyerId(),
                    e.vip(), e.sku(), e.styleCode(), e.batch(), e.quantity(), e.paidAmount(), e.signedAt(),
                    e.category(), e.defectType(), e.responsibility(), e.description(), e.evidence(), e.channel(),
                    TicketStatus.NEW, false, null, List.of(), e.openedBy(), e.openedAt(), e.openedAt(), version);
        }
        if (view == null) {
            return null;
        }
        if (event instanceof DefectReported e) {
            return withChange(view, true, view.batchDefect(), view.remarks(), e.reportedAt(), version);
        }
        if (event instanceof RemarkAdded e) {
            List<TicketView.Remark> remarks = new ArrayList<>(view.remarks());
            remarks.add(new TicketView.Remark(e.text(), e.flagged(), e.addedBy(), e.addedAt()));
            return withChange(view, view.defectReported(), view.batchDefect(), List.copyOf(remarks), e.addedAt(), version);
        }
        if (event instanceof BatchDefectConfirmed e) {
            return withChange(view, view.defectReported(), new TicketView.BatchDefect(e.incidentId(), e.confirmedAt()),
                    view.remarks(), e.confirmedAt(), version);
        }
        return withChange(view, view.defectReported(), view.batchDefect(), view.remarks(), view.updatedAt(), version);
    }

    private static TicketView withChange(TicketView v, boolean defectReported, TicketView.BatchDefect batchDefect,
                                         List<TicketView.Remark> remarks, Instant updatedAt, long version) {
        return new TicketView(v.id(), v.storeId(), v.platform(), v.orderId(), v.externalId(), v.buyerId(), v.vip(),
                v.sku(), v.styleCode(), v.batch(), v.quantity(), v.paidAmount(), v.signedAt(), v.category(),
                v.defectType(), v.responsibility(), v.description(), v.evidence(), v.channel(), v.status(),
                defectReported, batchDefect, remarks, v.openedBy(), v.openedAt(), updatedAt, version);
    }

    private static String actorOf(Object event) {
        if (event instanceof TicketOpened e) {
            return e.openedBy();
        }
        if (event instanceof DefectReported e) {
            return e.reportedBy();
        }
        if (event instanceof RemarkAdded e) {
            return e.addedBy();
        }
        if (event instanceof BatchDefectConfirmed e) {
            return e.confirmedBy();
        }
        return Actors.SYSTEM;
    }
}
