package io.aftersales.ticket.web;

import io.aftersales.platform.web.RequestValidator;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.command.TicketIds;
import io.aftersales.ticket.query.HistoryEntry;
import io.aftersales.ticket.query.TicketView;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Ticket intake and lookup: {@code /api/v1/tickets}. */
@RestController
@RequestMapping("/api/v1/tickets")
public class TicketController {

    /** Until tokens exist (security issue) the caller may name itself; the trail then says so. */
    static final String ACTOR_HEADER = "X-Actor";
    private static final String ANONYMOUS = "anonymous";

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final RequestValidator validator;
    private final Clock clock;

    public TicketController(CommandGateway commandGateway, QueryGateway queryGateway, RequestValidator validator,
                            Clock clock) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Opens a ticket: 201 with its location. The same platform and {@code externalId} again answers
     * 200 with the ticket opened the first time, so a platform sync may safely repeat itself.
     */
    @PostMapping
    public Mono<ResponseEntity<TicketView>> open(@RequestBody OpenTicketRequest body,
                                                 @RequestHeader(name = ACTOR_HEADER, required = false) String actor) {
        return blocking(() -> {
            OpenTicketRequest request = validator.validate(body, body.crossFieldErrors());
            Platform platform = Platform.valueOf(request.platform());
            String ticketId = TicketIds.forIntake(platform, optional(request.externalId()));
            Optional<TicketView> existing = find(ticketId);
            if (existing.isPresent()) {
                return ResponseEntity.ok(existing.get());
            }
            try {
                commandGateway.sendAndWait(toCommand(ticketId, platform, request, actorOf(actor)));
            } catch (AggregateStreamCreationException | ConcurrencyException raceWithSameCase) {
                return ResponseEntity.ok(find(ticketId).orElseThrow(() -> raceWithSameCase));
            }
            TicketView created = find(ticketId).orElseThrow();
            return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticketId)).eTag(etag(created)).body(created);
        });
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<TicketView>> get(@PathVariable String id) {
        return blocking(() -> find(id)
                .map(view -> ResponseEntity.ok().eTag(etag(view)).body(view))
                .orElseThrow(TicketController::notFound));
    }

    @GetMapping("/{id}/history")
    public Mono<List<HistoryEntry>> history(@PathVariable String id) {
        return blocking(() -> {
            List<HistoryEntry> history = queryGateway.query(new FindTicketHistory(id),
                    ResponseTypes.multipleInstancesOf(HistoryEntry.class)).join();
            if (history.isEmpty()) {
                throw notFound();
            }
            return history;
        });
    }

    /**
     * Adds a remark. With {@code If-Match} (the ETag of the ticket the agent looked at) the remark
     * is refused with 409 when the ticket changed in between.
     */
    @PostMapping("/{id}/remarks")
    public Mono<ResponseEntity<TicketView>> addRemark(@PathVariable String id, @RequestBody AddRemarkRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      @RequestHeader(name = ACTOR_HEADER, required = false) String actor) {
        return blocking(() -> {
            AddRemarkRequest request = validator.validate(body);
            commandGateway.sendAndWait(new AddRemark(id, request.text(), Boolean.TRUE.equals(request.flagged()),
                    actorOf(actor), clock.instant(), expectedVersion(ifMatch)));
            TicketView view = find(id).orElseThrow(TicketController::notFound);
            return ResponseEntity.ok().eTag(etag(view)).body(view);
        });
    }

    private Optional<TicketView> find(String ticketId) {
        return queryGateway.query(new FindTicket(ticketId), ResponseTypes.optionalInstanceOf(TicketView.class)).join();
    }

    private OpenTicket toCommand(String ticketId, Platform platform, OpenTicketRequest request, String actor) {
        List<Evidence> evidence = request.evidence() == null ? List.of()
                : request.evidence().stream().map(e -> new Evidence(e.kind(), e.ref())).toList();
        return new OpenTicket(ticketId, request.storeId().strip(), platform, request.orderId().strip(),
                optional(request.externalId()), request.buyerId().strip(), Boolean.TRUE.equals(request.vip()),
                request.sku().strip(), optional(request.styleCode()), optional(request.batch()), request.quantity(),
                new Money(request.paidAmount().amount(), request.paidAmount().currency()), request.signedAt(),
                Category.valueOf(request.category()), optional(request.defectType()), optional(request.description()),
                evidence, optional(request.channel()), actor, clock.instant());
    }

    /** Published events carry null, never "", for an absent optional value. */
    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String actorOf(String header) {
        return header == null || header.isBlank() ? ANONYMOUS : header.strip();
    }

    private static String etag(TicketView view) {
        return "\"" + view.version() + "\"";
    }

    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        try {
            return Long.parseLong(value.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.PRECONDITION_FAILED, "If-Match must be an ETag of this ticket");
        }
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such ticket");
    }

    /** Axon and the Mongo driver block; keep them off the event loop. */
    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
