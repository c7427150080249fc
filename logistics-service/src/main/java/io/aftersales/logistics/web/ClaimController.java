package io.aftersales.logistics.web;

import io.aftersales.platform.web.Versions;
import io.aftersales.logistics.api.AddressResolution;
import io.aftersales.logistics.api.ClaimIds;
import io.aftersales.logistics.api.ClaimKind;
import io.aftersales.logistics.api.ClaimRuleViolation;
import io.aftersales.logistics.api.ClaimStatus;
import io.aftersales.logistics.api.EscalateClaim;
import io.aftersales.logistics.api.FileClaim;
import io.aftersales.logistics.api.OpenClaim;
import io.aftersales.logistics.api.RecordAcceptance;
import io.aftersales.logistics.api.RecordCompensation;
import io.aftersales.logistics.api.RecordRejection;
import io.aftersales.logistics.api.RecordReshipmentShipped;
import io.aftersales.logistics.api.RecordWeighing;
import io.aftersales.logistics.api.RegisterWrongShipment;
import io.aftersales.logistics.api.ResolveAddress;
import io.aftersales.logistics.api.WriteOffClaim;
import io.aftersales.logistics.query.ClaimQueries;
import io.aftersales.logistics.query.ClaimView;
import io.aftersales.logistics.web.ClaimRequests.AcceptanceRequest;
import io.aftersales.logistics.web.ClaimRequests.AddressRequest;
import io.aftersales.logistics.web.ClaimRequests.CompensationRequest;
import io.aftersales.logistics.web.ClaimRequests.FilingRequest;
import io.aftersales.logistics.web.ClaimRequests.OpenClaimRequest;
import io.aftersales.logistics.web.ClaimRequests.ShippedRequest;
import io.aftersales.logistics.web.ClaimRequests.TextRequest;
import io.aftersales.logistics.web.ClaimRequests.WeighingRequest;
import io.aftersales.logistics.web.ClaimRequests.WrongShipmentRequest;
import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import io.aftersales.platform.web.PageRequest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Courier claims: {@code /api/v1/claims}. Each endpoint states its roles; a claim of a store the caller does not
 * work for answers exactly like an id that does not exist (404). Every action takes {@code If-Match} (the ETag of the
 * claim the caller looked at) and is refused with 409 when the claim changed in between. An action answers the claim
 * as it is after it (the read model caught up).
 */
@RestController
@RequestMapping("/api/v1/claims")
public class ClaimController {

    /** Those who work claims with the couriers. */
    static final String LOGISTICS = "hasAnyRole('LOGISTICS','ADMIN')";
    /** The warehouse records what it shipped and weighed; logistics may too. */
    static final String WAREHOUSE_OR_LOGISTICS = "hasAnyRole('WAREHOUSE','LOGISTICS','ADMIN')";

    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final ClaimQueries queries;
    private final Clock clock;

    public ClaimController(CommandGateway commandGateway, EventStore eventStore, ClaimQueries queries, Clock clock) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * Opens the claim of a ticket (one per ticket: its id is derived from the ticket id): 201, or 200 with the claim
     * when the ticket's claim exists already. A reship-first kind holds the replacement's stock in the same step;
     * when the warehouse cannot be reached nothing is recorded (503).
     */
    @PostMapping
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> open(@RequestBody OpenClaimRequest body, Caller caller) {
        return Blocking.call(() -> {
            if (body.ticketId() == null || body.ticketId().isBlank() || body.ticketId().length() > 128) {
                throw new ClaimRuleViolation("ticketId", "is required (at most 128 characters)");
            }
            if (body.storeId() == null || body.storeId().isBlank()) {
                throw new ClaimRuleViolation("storeId", "is required");
            }
            if (!caller.worksFor(body.storeId().strip())) {
                throw new AccessDeniedException("not a store of the caller");
            }
            String claimId = ClaimIds.forTicket(body.ticketId().strip());
            OpenClaim command = new OpenClaim(claimId, body.ticketId().strip(), body.storeId().strip(),
                    body.orderId(), body.sku(), ClaimRequests.number("quantity", body.quantity()),
                    ClaimRequests.enumValue("kind", body.kind(), ClaimKind.class),
                    body.courier() == null || body.courier().isBlank() ? null : body.courier().strip(),
                    body.trackingNumber(), caller.subject(), clock.instant());
            try {
                commandGateway.sendAndWait(command);
            } catch (AggregateStreamCreationException | ConcurrencyException sameTicketAgain) {
                ClaimView existing = caughtUp(claimId, 0);
                if (!caller.worksFor(existing.storeId())) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "This ticket already has a claim");
                }
                return ResponseEntity.ok().eTag(etag(existing)).body(existing);
            }
            ClaimView created = caughtUp(claimId, lastSequence(claimId));
            return ResponseEntity.created(URI.create("/api/v1/claims/" + claimId)).eTag(etag(created)).body(created);
        });
    }

    /**
     * The caller's claims, newest first. Filters: {@code storeId}, {@code status} (may repeat), {@code kind},
     * {@code courier}, {@code ticketId}; paged by {@link PageRequest}.
     */
    @GetMapping
    @PreAuthorize(Roles.ANY)
    public Mono<ClaimQueries.ClaimPage> list(@RequestParam(required = false) String storeId,
                                             @RequestParam(required = false) List<String> status,
                                             @RequestParam(required = false) String kind,
                                             @RequestParam(required = false) String courier,
                                             @RequestParam(required = false) String ticketId,
                                             @RequestParam(required = false) String page,
                                             @RequestParam(required = false) String size,
                                             Caller caller) {
        return Blocking.call(() -> {
            List<FieldError> errors = new ArrayList<>();
            PageRequest requested = PageRequest.parse(page, size, errors);
            List<String> statuses = status == null ? List.of() : status.stream()
                    .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).filter(s -> !s.isEmpty()).toList();
            statuses.stream().filter(s -> Arrays.stream(ClaimStatus.values()).noneMatch(v -> v.name().equals(s)))
                    .findFirst().ifPresent(s -> errors.add(new FieldError("status", "must be one of "
                            + Arrays.toString(ClaimStatus.values()))));
            String wantedKind = blankToNull(kind);
            if (wantedKind != null && Arrays.stream(ClaimKind.values()).noneMatch(v -> v.name().equals(wantedKind))) {
                errors.add(new FieldError("kind", "must be one of " + Arrays.toString(ClaimKind.values())));
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            return queries.list(caller.seesEveryStore() ? null : caller.stores(), blankToNull(storeId), statuses,
                    wantedKind, blankToNull(courier), blankToNull(ticketId), requested.page(), requested.size());
        });
    }

    /** One claim with its reshipments, checks, amounts and its history (who did what, when). */
    @GetMapping("/{id}")
    @PreAuthorize(Roles.ANY)
    public Mono<ResponseEntity<ClaimView>> get(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> {
            ClaimView view = visible(id, caller);
            return ResponseEntity.ok().eTag(etag(view)).body(view);
        });
    }

    @PostMapping("/{id}/reshipment/shipped")
    @PreAuthorize(WAREHOUSE_OR_LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> shipped(@PathVariable String id, @RequestBody ShippedRequest body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RecordReshipmentShipped(id, body.courier(),
                body.trackingNumber(), caller.subject(), clock.instant(), version));
    }

    @PostMapping("/{id}/weighing")
    @PreAuthorize(WAREHOUSE_OR_LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> weighing(@PathVariable String id, @RequestBody WeighingRequest body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RecordWeighing(id,
                ClaimRequests.number("slipWeightGrams", body.slipWeightGrams()),
                ClaimRequests.number("measuredWeightGrams", body.measuredWeightGrams()), caller.subject(),
                clock.instant(), version));
    }

    @PostMapping("/{id}/wrong-shipment")
    @PreAuthorize(WAREHOUSE_OR_LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> wrongShipment(@PathVariable String id, @RequestBody WrongShipmentRequest body,
                                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                         Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RegisterWrongShipment(id, body.skuSent(),
                ClaimRequests.number("quantity", body.quantity()), body.warehouse(), caller.subject(), clock.instant(),
                version));
    }

    @PostMapping("/{id}/address")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> address(@PathVariable String id, @RequestBody AddressRequest body,
                                                   @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, caller, ifMatch, (version) -> new ResolveAddress(id,
                ClaimRequests.enumValue("resolution", body.resolution(), AddressResolution.class), body.remark(),
                caller.subject(), clock.instant(), version));
    }

    @PostMapping("/{id}/filing")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> file(@PathVariable String id, @RequestBody FilingRequest body,
                                                @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                Caller caller) {
        return act(id, caller, ifMatch, (version) -> new FileClaim(id, body.courier(), body.claimNumber(),
                ClaimRequests.money("amountClaimed", body.amountClaimed()), caller.subject(), clock.instant(), version));
    }

    @PostMapping("/{id}/acceptance")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> accept(@PathVariable String id, @RequestBody AcceptanceRequest body,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RecordAcceptance(id,
                ClaimRequests.money("amountAccepted", body.amountAccepted()), caller.subject(), clock.instant(), version));
    }

    @PostMapping("/{id}/rejection")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> reject(@PathVariable String id, @RequestBody TextRequest body,
                                                  @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RecordRejection(id, body.reason(), caller.subject(),
                clock.instant(), version));
    }

    @PostMapping("/{id}/escalation")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> escalate(@PathVariable String id, @RequestBody TextRequest body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    Caller caller) {
        return act(id, caller, ifMatch, (version) -> new EscalateClaim(id, body.note(), caller.subject(),
                clock.instant(), version));
    }

    @PostMapping("/{id}/write-off")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> writeOff(@PathVariable String id, @RequestBody TextRequest body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    Caller caller) {
        return act(id, caller, ifMatch, (version) -> new WriteOffClaim(id, body.reason(), caller.subject(),
                clock.instant(), version));
    }

    @PostMapping("/{id}/compensation")
    @PreAuthorize(LOGISTICS)
    public Mono<ResponseEntity<ClaimView>> compensate(@PathVariable String id, @RequestBody CompensationRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      Caller caller) {
        return act(id, caller, ifMatch, (version) -> new RecordCompensation(id,
                ClaimRequests.money("amountReceived", body.amountReceived()), body.note(), caller.subject(),
                clock.instant(), version));
    }

    private Mono<ResponseEntity<ClaimView>> act(String id, Caller caller, String ifMatch,
                                                Function<Long, Object> command) {
        return Blocking.call(() -> {
            Long expected = expectedVersion(ifMatch);
            visible(id, caller);
            commandGateway.sendAndWait(command.apply(expected));
            ClaimView view = caughtUp(id, lastSequence(id));
            return ResponseEntity.ok().eTag(etag(view)).body(view);
        });
    }

    /** The claim, if the caller works for its store; otherwise it answers exactly like an unknown id. */
    private ClaimView visible(String id, Caller caller) {
        return queries.find(id).filter(view -> caller.worksFor(view.storeId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such claim"));
    }

    private long lastSequence(String id) {
        return eventStore.lastSequenceNumberFor(id).orElse(0L);
    }

    /** Waits (at most {@link #CATCH_UP}) until the read model shows the claim at {@code version} or later. */
    private ClaimView caughtUp(String id, long version) {
        Instant deadline = clock.instant().plus(CATCH_UP);
        while (true) {
            Optional<ClaimView> view = queries.find(id);
            if (view.isPresent() && view.get().version() >= version) {
                return view.get();
            }
            if (clock.instant().isAfter(deadline)) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "The claim was recorded; its view is behind, reload it shortly");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    static String etag(ClaimView view) {
        return Versions.etag(view.version());
    }

    static Long expectedVersion(String ifMatch) {
        return Versions.expected(ifMatch, "claim");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
