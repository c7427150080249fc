package io.aftersales.ticket.web;

import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.RequestValidator;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.FindTicket;
import io.aftersales.ticket.api.FindTicketHistory;
import io.aftersales.ticket.api.FindTickets;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.command.TicketIds;
import io.aftersales.ticket.query.HistoryEntry;
import io.aftersales.ticket.query.TicketPage;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Ticket intake and lookup: {@code /api/v1/tickets}. Each endpoint states its roles; a ticket of a
 * store the caller does not work for answers like an id that does not exist.
 */
@RestController

@RequestMapping("/api/v1/tickets")
public class TicketController {

    private static final int MAX_PAGE_SIZE = 200;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final RequestValidator validator;
    private final TicketIntake intake;
    private final Clock clock;

    public TicketController(CommandGateway commandGateway, QueryGateway queryGateway, RequestValidator validator,
                            TicketIntake intake, Clock clock) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.intake = intake;
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
            Platform platform = Platform.valueOf(request.platform());
            String externalId = optional(request.externalId());
            String ticketId = externalId == null && key != null
                    ? TicketIds.forIdempotencyKey(request.storeId().strip(), key)
                    : TicketIds.forIntake(platform, externalId);
            OpenTicket command = toCommand(ticketId, platform, request, caller.subject());
            TicketView created;
            try {
                created = intake.open(command);
            } catch (AggregateStreamCreationException | ConcurrencyException sameCaseAgain) {
                // the event store refuses a second first event for the id of an already synced platform
                // case or an already used idempotency key
                TicketView existing = find(ticketId).orElseThrow(() -> sameCaseAgain);
                if (externalId == null && !sameRequest(existing, command)) {
                    throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
                            "This Idempotency-Key was used for another ticket: send a new key for a new ticket");
                }
                return existingCase(existing, caller);
            }
            return ResponseEntity.created(URI.create("/api/v1/tickets/" + ticketId)).eTag(etag(created)).body(created);
        });
    }

    /** The caller's tickets, newest first; another store's tickets are simply not there. */
    @GetMapping
    @PreAuthorize(Roles.ANY)
    public Mono<TicketPage> list(@RequestParam(required = false) String storeId,
                                 @RequestParam(required = false) TicketStatus status,
                                 @RequestParam(required = false) String product,
                                 @RequestParam(required = false) String batch,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size,
                                 Caller caller) {
        return Blocking.call(() -> queryGateway.query(new FindTickets(caller.seesEveryStore() ? null : caller.stores(),
                storeId, status, product, batch, page, size), ResponseTypes.instanceOf(TicketPage.class)).join());
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.ANY)
    public Mono<ResponseEntity<TicketView>> get(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> {
            TicketView view = visible(id, caller);
            return ResponseEntity.ok().eTag(etag(view)).body(view);
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

    /** Whether a retry with the same idempotency key asks for the ticket that key opened. */
    private static boolean sameRequest(TicketView existing, OpenTicket command) {
        return Objects.equals(existing.storeId(), command.storeId()) && existing.platform() == command.platform()
                && Objects.equals(existing.orderId(), command.orderId())
                && Objects.equals(existing.buyerId(), command.buyerId()) && existing.vip() == command.vip()
                && Objects.equals(existing.sku(), command.sku()) && Objects.equals(existing.styleCode(), command.styleCode())
                && Objects.equals(existing.batch(), command.batch()) && existing.quantity() == command.quantity()
                && existing.paidAmount().amount().compareTo(command.paidAmount().amount()) == 0
                && Objects.equals(existing.paidAmount().currency(), command.paidAmount().currency())
                && Objects.equals(existing.signedAt(), command.signedAt()) && existing.category() == command.category()
                && Objects.equals(existing.defectType(), command.defectType())
                && Objects.equals(existing.description(), command.description())
                && Objects.equals(existing.evidence(), command.evidence())
                && Objects.equals(existing.channel(), command.channel());
    }

    /** The ticket, if the caller works for its store; otherwise it answers exactly like an unknown id. */
    private TicketView visible(String ticketId, Caller caller) {
        return find(ticketId).filter(view -> caller.worksFor(view.storeId())).orElseThrow(TicketController::notFound);
    }

    /** A repeated intake of a platform case: the ticket as first opened, if the caller may see it. */
    private static ResponseEntity<TicketView> existingCase(TicketView existing, Caller caller) {
        if (!caller.worksFor(existing.storeId())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "This platform case is already a ticket");
        }
        return ResponseEntity.ok(existing);
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
}
