package io.aftersales.ticket.query;

import io.aftersales.ticket.api.ClockReading;
import io.aftersales.ticket.api.FindTicketClocks;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketClocks;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A ticket's clocks, read from its whole stream with its store's policy (docs/services/ticket-service.md, "Clocks"). */
public class ClockQueries {

    private final EventStore eventStore;
    private final StorePolicies policies;

    public ClockQueries(EventStore eventStore, StorePolicies policies) {
        this.eventStore = eventStore;
        this.policies = policies;
    }

    @QueryHandler
    public List<ClockReading> handle(FindTicketClocks query) {
        Replayed ticket = replay(eventStore, query.ticketId());
        return ticket == null ? List.of() : ticket.read(policies, query.at());
    }

    /** The ticket's view and clocks after its whole stream; null when it has no events. */
    static Replayed replay(EventStore eventStore, String ticketId) {
        List<Object> events = new ArrayList<>();
        eventStore.readEvents(ticketId, 0).asStream().forEach(message -> events.add(message.getPayload()));
        TicketClocks clocks = new TicketClocks();
        TicketView view = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            view = TicketQueries.apply(view, events.get(sequence), sequence);
            clocks.record(events.get(sequence), view == null ? null : view.status());
        }
        return view == null ? null : new Replayed(view, clocks);
    }

    record Replayed(TicketView view, TicketClocks clocks) {

        List<ClockReading> read(StorePolicies policies, Instant at) {
            return clocks.read(policies.sla(view.storeId()), at);
        }
    }
}
