package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Product;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One customer's after-sales case on one order line. Its event stream is the case's audit trail:
 * every action records who did it and when.
 */
@Aggregate(snapshotTriggerDefinition = "ticketSnapshotTrigger")
// snapshots are serialized with Jackson: the state is in private fields without getters
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Ticket {

    private static final int MAX_REMARK_LENGTH = 2000;

    @AggregateIdentifier
    private String ticketId;
    private String product;
    private String batch;
    private final Set<String> confirmedIncidents = new HashSet<>();

    protected Ticket() {
        // Axon rebuilds the ticket from its events
    }

    /** Created by {@link TicketIntake}, the handler of {@link OpenTicket}. */
    Ticket(OpenTicket command) {
        openingEvents(command).forEach(event -> apply(event));
    }

    /**
     * What opening a ticket records, in order: the ticket, its defect report (when its category and
     * defect type report one) and, when intake found QA's incident open on its batch, the batch
     * defect confirmation. A pure function of the command, so intake can answer with the ticket it
     * opened without reading anything after the commit.
     */
    public static List<Object> openingEvents(OpenTicket command) {
        if (command.quantity() <= 0) {
            throw new TicketRuleViolation("quantity", "must be at least 1");
        }
        if (command.category().requiresDefectType() && isBlank(command.defectType())) {
            throw new TicketRuleViolation("defectType", "is required for a quality complaint");
        }
        List<Evidence> evidence = command.evidence() == null ? List.of() : List.copyOf(command.evidence());
        List<Object> events = new ArrayList<>();
        events.add(new TicketOpened(command.ticketId(), command.storeId(), command.platform(), command.orderId(),
                command.externalId(), command.buyerId(), command.vip(), command.sku(), command.styleCode(),
                command.batch(), command.quantity(), command.paidAmount(), command.signedAt(), command.category(),
                command.defectType(), command.category().presumedResponsibility().orElse(null),
                command.description(), evidence, command.channel(), command.actor(), command.requestedAt()));
        Category category = command.category();
        if (category.reportsDefect(command.defectType())) {
            events.add(new DefectReported(command.ticketId(), command.storeId(), command.platform(), command.buyerId(),
                    command.sku(), command.styleCode(), command.batch(), category, command.defectType(),
                    command.quantity(), evidence, command.actor(), command.requestedAt()));
        }
        if (command.batchDefectIncidentId() != null && command.batch() != null) {
            events.add(new BatchDefectConfirmed(command.ticketId(), command.batchDefectIncidentId(), command.product(),
                    command.batch(), Actors.SYSTEM, command.requestedAt()));
        }
        return List.copyOf(events);
    }

    @CommandHandler
    public void handle(AddRemark command) {
        if (isBlank(command.text())) {
            throw new TicketRuleViolation("text", "must not be blank");
        }
        if (command.text().length() > MAX_REMARK_LENGTH) {
            throw new TicketRuleViolation("text", "must be at most " + MAX_REMARK_LENGTH + " characters");
        }
        apply(new RemarkAdded(ticketId, command.text(), command.flagged(), command.actor(), command.requestedAt()));
    }

    /** Idempotent per incident: a redelivered delisting changes nothing the second time. */
    @CommandHandler
    public void handle(ConfirmBatchDefect command) {
        if (!command.product().equals(product) || !command.batch().equals(batch)) {
            throw new TicketRuleViolation("batch", "the ticket is about " + product + " batch " + batch
                    + ", not " + command.product() + " batch " + command.batch());
        }
        if (confirmedIncidents.contains(command.incidentId())) {
            return;
        }
        apply(new BatchDefectConfirmed(ticketId, command.incidentId(), product, batch, command.actor(),
                command.confirmedAt()));
    }

    @EventSourcingHandler
    void on(TicketOpened event) {
        this.ticketId = event.ticketId();
        this.product = Product.of(event.styleCode(), event.sku());
        this.batch = event.batch();
    }

    @EventSourcingHandler
    void on(BatchDefectConfirmed event) {
        confirmedIncidents.add(event.incidentId());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
