package io.aftersales.ticket.web;

import io.aftersales.platform.web.EnumField;
import io.aftersales.platform.web.Versions;
import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import io.aftersales.platform.web.PageRequest;
import io.aftersales.platform.web.RequestValidator;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.ClockReading;
import io.aftersales.ticket.api.FindTicketClocks;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.query.HistoryEntry;
import io.aftersales.ticket.query.TicketPage;
import io.aftersales.ticket.query.TicketQueries;
import io.aftersales.ticket.query.TicketView;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Ticket intake and lookup: {@code /api/v1/tickets}. Each endpoint states its roles; a ticket of a
 * store the caller does not work for answers like an id that does not exist.
 */
@RestController

@RequestMapping("/api/v1/tickets")
public class TicketController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

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
     * 200 with the ticket opened the first time, so a platform sync may safely repeat itself. Without
     * an {@code externalId}, an {@code Idempotency-Key} (unique per store) does the same for an
     * agent's retry: the same key and body again answer 200 with the ticket; the same key with
     * another body is refused with 422.
     */
    @PostMapping
    @PreAuthorize(Roles.CASE_WORKERS)
    @ApiResponses({
            @ApiResponse(responseCode = "201", description = "The ticket was opened"),
            @ApiResponse(responseCode = "200", description = "The same platform case (platform + externalId) or the "
                    + "same Idempotency-Key and body again: the ticket opened the first time"),
            @ApiResponse(responseCode = "422", description = "The Idempotency-Key was already used for another body",
                    content = @Content(mediaType = "application/problem+json"))})
    public Mono<ResponseEntity<TicketView>> open(@RequestBody OpenTicketRequest body,
                                                 @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER,
                                                         description = "Makes a retry of this request safe when there is "
                                                                 + "no externalId: 1-128 visible ASCII characters, unique "
                                                                 + "per store (a UUID per new ticket). The same key and "
                                                                 + "body again answer 200 with the ticket opened first; "
                                                                 + "the same key with another body answers 422. Ignored "
                                                                 + "when externalId is given (that already names the case).")
                                                 @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                                 Caller caller) {
        return Blocking.call(() -> {
            OpenTicketRequest request = validator.validate(body, body.crossFieldErrors());
            String key = idempotencyKey(idempotencyKey);
            if (!caller.worksFor(request.storeId().strip())) {
                throw new AccessDeniedException("not a store of the caller");
            }
            OpenTicket command = request.toCommand(key, caller.subject(), clock.instant());
            TicketView created;
            try {
                List<Object> events = commandGateway.sendAndWait(command);
                created = TicketQueries.fold(events);
            } catch (AggregateStreamCreationException | ConcurrencyException sameCaseAgain) {
                // the event store refuses a second first event for the id of an already synced platform
                // case or an already used idempotency key
                TicketView existing = find(command.ticketId()).orElseThrow(() -> sameCaseAgain);
                if (command.externalId() == null && !existing.isOpeningOf(command)) {
                    throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                            "This Idempotency-Key was used for another ticket: send a new key for a new ticket");
                }
                return existingCase(existing, caller);
            }
            return ResponseEntity.created(URI.create("/api/v1/tickets/" + command.ticketId())).eTag(etag(created))
                    .body(created);
        });
    }

    /**
     * The caller's tickets, newest first; another store's tickets are simply not there. Filters:
     * {@code status} (may repeat: any of them), {@code assignee}, {@code category}, {@code flagged}
     * (has a flagged remark), {@code waitingOnMe=true} (an agent's own tickets in progress; for a
     * supervisor also proposals waiting for approval and escalated tickets). Paged by
     * {@link PageRequest}: a bad or overflowing {@code page}/{@code size}, or an unknown status or
     * category, is 400 naming the field.
     */
    @GetMapping
    @PreAuthorize(Roles.ANY)
    @ApiResponses({
            @ApiResponse(responseCode = "200", description = "One page of the caller's tickets"),
            @ApiResponse(responseCode = "400", description = "A filter or paging parameter is invalid",
                    content = @Content(mediaType = "application/problem+json"))})
    public Mono<TicketPage> list(@RequestParam(required = false) String storeId,
                                 @RequestParam(required = false) List<String> status,
                                 @RequestParam(required = false) String product,
                                 @RequestParam(required = false) String batch,
                                 @RequestParam(required = false) String assignee,
                                 @RequestParam(required = false) String category,
                                 @RequestParam(required = false) Boolean flagged,
                                 @RequestParam(required = false) Boolean waitingOnMe,
                                 @RequestParam(required = false) Integer breachingWithinMinutes,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size,
                                 Caller caller) {
        return Blocking.call(() -> {
            PageRequest requested = PageRequest.of(page, size);
            List<FieldError> errors = new ArrayList<>();
            Set<TicketStatus> statuses = status == null ? Set.of() : status.stream()
                    .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> EnumField.parse("status", s, TicketStatus.class, errors))
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            Category wantedCategory = category == null || category.isBlank() ? null
                    : EnumField.parse("category", category.strip(), Category.class, errors);
            if (breachingWithinMinutes != null && (breachingWithinMinutes < 0 || breachingWithinMinutes > 10_080)) {
                errors.add(new FieldError("breachingWithinMinutes", "must be from 0 to 10080 (a week)"));
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            Instant breachingBy = breachingWithinMinutes == null ? null
                    : clock.instant().plus(Duration.ofMinutes(breachingWithinMinutes));
            FindTickets.WaitingOn waitingOn = Boolean.TRUE.equals(waitingOnMe)
                    ? new FindTickets.WaitingOn(caller.subject(), caller.roles().contains(Roles.SUPERVISOR)) : null;
            return queryGateway.query(new FindTickets(caller.seesEveryStore() ? null : caller.stores(), storeId,
                    statuses, product, batch, blankToNull(assignee), wantedCategory, flagged, waitingOn, breachingBy,
                    requested.page(), requested.size()), ResponseTypes.instanceOf(TicketPage.class)).join();
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.ANY)
    public Mono<ResponseEntity<TicketView>> get(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> {
            TicketView view = visible(id, caller);
            return ResponseEntity.ok().eTag(etag(view)).body(view);
        });
    }

    /** The ticket's clocks now (docs/services/ticket-service.md, "Clocks"). */
    @GetMapping("/{id}/clocks")
    @PreAuthorize(Roles.ANY)
    public Mono<List<ClockView>> clocks(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> {
            visible(id, caller);
            return queryGateway.query(new FindTicketClocks(id, clock.instant()),
                    ResponseTypes.multipleInstancesOf(ClockReading.class)).join().stream().map(ClockView::of).toList();
        });
    }

    @GetMapping("/{id}/history")
    @PreAuthorize(Roles.ANY)
    public Mono<List<HistoryEntry>> history(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> {
            visible(id, caller);
            return queryGateway.query(new FindTicketHistory(id), ResponseTypes.multipleInstancesOf(HistoryEntry.class)).join();
        });
    }

    /**
     * Adds a remark. With {@code If-Match} (the ETag of the ticket the agent looked at) the remark
     * is refused with 409 when the ticket changed in between.
     */
    @PostMapping("/{id}/remarks")
    @PreAuthorize(Roles.CASE_CONTRIBUTORS)
    public Mono<ResponseEntity<TicketView>> addRemark(@PathVariable String id, @RequestBody AddRemarkRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      Caller caller) {
        return Blocking.call(() -> {
            AddRemarkRequest request = validator.validate(body);
            visible(id, caller);
            commandGateway.sendAndWait(new AddRemark(id, request.text(), Boolean.TRUE.equals(request.flagged()),
                    caller.subject(), clock.instant(), expectedVersion(ifMatch)));
            TicketView view = find(id).orElseThrow(TicketController::notFound);
            return ResponseEntity.ok().eTag(etag(view)).body(view);
        });
    }

    /** A header value that can name a retry: 1-128 visible ASCII characters. */
    private static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        String key = header.strip();
        if (key.isEmpty() || key.length() > 128 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    IDEMPOTENCY_KEY + " must be 1 to 128 visible ASCII characters");
        }
        return key;
    }

    /** The ticket, if the caller works for its store; otherwise it answers exactly like an unknown id. */
    private TicketView visible(String ticketId, Caller caller) {
        return visible(queryGateway, ticketId, caller);
    }

    static TicketView visible(QueryGateway queryGateway, String ticketId, Caller caller) {
        return find(queryGateway, ticketId).filter(view -> caller.worksFor(view.storeId()))
                .orElseThrow(TicketController::notFound);
    }

    /** A repeated intake of a platform case: the ticket as first opened, if the caller may see it. */
    private static ResponseEntity<TicketView> existingCase(TicketView existing, Caller caller) {
        if (!caller.worksFor(existing.storeId())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This platform case is already a ticket");
        }
        return ResponseEntity.ok(existing);
    }

    private Optional<TicketView> find(String ticketId) {
        return find(queryGateway, ticketId);
    }

    static Optional<TicketView> find(QueryGateway queryGateway, String ticketId) {
        return queryGateway.query(new FindTicket(ticketId), ResponseTypes.optionalInstanceOf(TicketView.class)).join();
    }

    static String etag(TicketView view) {
        return Versions.etag(view.version());
    }

    static Long expectedVersion(String ifMatch) {
        return Versions.expected(ifMatch, "ticket");
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such ticket");
    }
}
