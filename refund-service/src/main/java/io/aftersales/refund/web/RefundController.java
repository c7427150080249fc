package io.aftersales.refund.web;

import io.aftersales.platform.web.EnumField;
import io.aftersales.platform.web.Versions;
import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import io.aftersales.platform.web.PageRequest;
import io.aftersales.platform.web.RequestValidator;
import io.aftersales.refund.api.ActorRole;
import io.aftersales.refund.api.AgreeRefund;
import io.aftersales.refund.api.ApproveRefund;
import io.aftersales.refund.api.CancelRefund;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.OpenRefund;
import io.aftersales.refund.api.OrderItem;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.RecordGoodsReceived;
import io.aftersales.refund.api.RecordQualityCheck;
import io.aftersales.refund.api.RecordReturnShipped;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundOrigin;
import io.aftersales.refund.api.RefundStatus;
import io.aftersales.refund.api.RefuseRefund;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.ReturnMethod;
import io.aftersales.refund.api.StoreRefundPolicy;
import io.aftersales.refund.api.Disposition;
import io.aftersales.refund.query.RefundPage;
import io.aftersales.refund.query.RefundQueries;
import io.aftersales.refund.query.RefundSummaryProjection;
import io.aftersales.refund.query.RefundView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Refunds: {@code /api/v1/refunds}. A refund of a store the caller does not work for answers like an
 * id that does not exist (404). Every action: the body is validated first (400 naming the fields),
 * {@code If-Match} other than the refund's current ETag is 409, an action its state does not allow
 * is 409 naming the state, and the actor is the token's subject.
 */
@RestController
@RequestMapping("/api/v1/refunds")
@ApiResponses({
        @ApiResponse(responseCode = "400", description = "The body or a parameter is invalid: one entry per field",
                content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller's role may not do this",
                content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such refund in the caller's stores",
                content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "If-Match is not the refund's ETag, or its state does not "
                + "allow the action (the problem's state and action say which)",
                content = @Content(mediaType = "application/problem+json"))})
public class RefundController {

    static final String WAREHOUSE = "hasAnyRole('WAREHOUSE')";
    private static final String IF_MATCH = "If-Match";

    private final CommandGateway commandGateway;
    private final RefundQueries queries;
    private final RefundSummaryProjection summaries;
    private final RequestValidator validator;
    private final Function<String, StoreRefundPolicy> policies;
    private final Clock clock;

    public RefundController(CommandGateway commandGateway, RefundQueries queries, RefundSummaryProjection summaries,
                            RequestValidator validator, Function<String, StoreRefundPolicy> storeRefundPolicies,
                            Clock clock) {
        this.commandGateway = commandGateway;
        this.queries = queries;
        this.summaries = summaries;
        this.validator = validator;
        this.policies = storeRefundPolicies;
        this.clock = clock;
    }

    /** The view of a refund with its order line's ledger. */
    public record RefundDetails(RefundView refund, RefundQueries.LedgerView orderLineLedger) {
    }

    @PostMapping
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Record a platform's refund request; the same platform + externalRefundId again answers 200 "
            + "with the refund opened the first time")
    @ApiResponse(responseCode = "201", description = "The refund was opened")
    public Mono<ResponseEntity<RefundDetails>> open(@RequestBody RefundRequests.OpenRefundRequest body, Caller caller) {
        return Blocking.call(() -> {
            RefundRequests.OpenRefundRequest request = validator.validate(body, body.errors());
            String storeId = request.storeId().strip();
            if (!caller.worksFor(storeId)) {
                throw new AccessDeniedException("not a store of the caller");
            }
            Platform platform = Platform.valueOf(request.platform());
            RefundOrigin origin = RefundOrigin.platformRequest(platform, request.externalRefundId().strip());
            String sku = request.sku().strip();
            String orderLineId = RefundRequests.optional(request.orderLineId()) != null ? request.orderLineId().strip()
                    : request.orderId().strip() + "/" + sku;
            OpenRefund command = new OpenRefund(origin.refundId(), origin, RefundKind.valueOf(request.kind()), storeId,
                    request.orderId().strip(), orderLineId, request.buyerId().strip(),
                    request.paidForLine().toMoney(), request.refundLines(),
                    request.responsibility() == null || request.responsibility().isBlank() ? null
                            : Responsibility.valueOf(request.responsibility()),
                    null, policies.apply(storeId), caller.subject(), clock.instant(),
                    new OrderItem(platform, sku, RefundRequests.optional(request.product()) != null
                            ? request.product().strip() : sku, RefundRequests.optional(request.batch())));
            try {
                commandGateway.sendAndWait(command);
            } catch (AggregateStreamCreationException | ConcurrencyException sameRequestAgain) {
                RefundView existing = queries.find(command.refundId()).orElseThrow(() -> sameRequestAgain);
                if (!caller.worksFor(existing.storeId())) {
                    throw new ResponseStatusException(HttpStatus.CONFLICT, "This platform request is already a refund");
                }
                return answer(ResponseEntity.ok(), existing);
            }
            RefundView created = queries.find(command.refundId()).orElseThrow(RefundController::notFound);
            return answer(ResponseEntity.created(URI.create("/api/v1/refunds/" + created.id())), created);
        });
    }

    @GetMapping("/{id}")
    @PreAuthorize(Roles.ANY)
    @Operation(summary = "One refund: its state, lines, return leg, payout, history (with actors) and its order "
            + "line's ledger")
    public Mono<ResponseEntity<RefundDetails>> get(@PathVariable String id, Caller caller) {
        return Blocking.call(() -> answer(ResponseEntity.ok(), visible(id, caller)));
    }

    @GetMapping
    @PreAuthorize(Roles.ANY)
    @Operation(summary = "The caller's refunds, newest first; filters storeId, status (may repeat), sku, platform")
    public Mono<RefundPage> list(@RequestParam(required = false) String storeId,
                                 @RequestParam(required = false) List<String> status,
                                 @RequestParam(required = false) String sku,
                                 @RequestParam(required = false) String platform,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size, Caller caller) {
        return Blocking.call(() -> {
            PageRequest requested = PageRequest.of(page, size);
            List<FieldError> errors = new ArrayList<>();
            Set<RefundStatus> statuses = status == null ? Set.of() : status.stream()
                    .flatMap(s -> Arrays.stream(s.split(","))).map(String::strip).filter(s -> !s.isEmpty())
                    .map(s -> EnumField.parse("status", s, RefundStatus.class, errors))
                    .filter(Objects::nonNull).collect(Collectors.toSet());
            EnumField.parse("platform", platform == null ? null : platform.strip(), Platform.class, errors);
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            return summaries.list(caller.seesEveryStore() ? null : caller.stores(), storeId, statuses, sku,
                    platform, requested.page(), requested.size());
        });
    }

    @PostMapping("/{id}/agree")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The seller agrees: a return is awaited (with the store's return address), a refund only "
            + "is approved, a refund before shipment stops the shipment; counted on the order line's ledger")
    @ApiResponse(responseCode = "422", description = "The refund would take the order line over what was paid",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<RefundDetails>> agree(@PathVariable String id,
                                                     @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                     Caller caller) {
        return act(id, ifMatch, caller, () -> (actor, at) -> new AgreeRefund(id, actor, at));
    }

    @PostMapping("/{id}/refuse")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The seller refuses the request (or a supervisor one waiting for them), with a reason")
    public Mono<ResponseEntity<RefundDetails>> refuse(@PathVariable String id,
                                                      @RequestBody RefundRequests.Refusal body,
                                                      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                      Caller caller) {
        return act(id, ifMatch, caller, () -> {
            RefundRequests.Refusal request = validator.validate(body);
            return (actor, at) -> new RefuseRefund(id, request.reason().strip(), actor, at);
        });
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The buyer withdrew: cancel a requested, refused or return-awaiting refund")
    public Mono<ResponseEntity<RefundDetails>> cancel(@PathVariable String id,
                                                      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                      Caller caller) {
        return act(id, ifMatch, caller, () -> (actor, at) -> new CancelRefund(id, actor, at));
    }

    @PostMapping("/{id}/return-shipped")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The buyer shipped the goods back (express or EMS, no cash on delivery) with this courier "
            + "and tracking number")
    public Mono<ResponseEntity<RefundDetails>> returnShipped(@PathVariable String id,
                                                             @RequestBody RefundRequests.ReturnShipment body,
                                                             @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                             Caller caller) {
        return act(id, ifMatch, caller, () -> {
            RefundRequests.ReturnShipment request = validator.validate(body, body.errors());
            ReturnMethod method = request.method() == null || request.method().isBlank() ? ReturnMethod.EXPRESS
                    : ReturnMethod.valueOf(request.method());
            Money postage = request.postage() == null ? null : request.postage().toMoney();
            return (actor, at) -> new RecordReturnShipped(id, method, Boolean.TRUE.equals(request.cashOnDelivery()),
                    request.courier().strip(), request.trackingNumber().strip(), postage, actor, at);
        });
    }

    @PostMapping("/{id}/receive")
    @PreAuthorize(WAREHOUSE)
    @Operation(summary = "The warehouse received the returned goods")
    public Mono<ResponseEntity<RefundDetails>> receive(@PathVariable String id,
                                                       @RequestBody(required = false) RefundRequests.Receipt body,
                                                       @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                       Caller caller) {
        return act(id, ifMatch, caller, () -> {
            String warehouse = body == null ? null : RefundRequests.optional(validator.validate(body).warehouseId());
            return (actor, at) -> new RecordGoodsReceived(id, warehouse == null ? "default" : warehouse, actor, at);
        });
    }

    @PostMapping("/{id}/qc")
    @PreAuthorize(WAREHOUSE)
    @Operation(summary = "The warehouse's QC: passed approves the refund (closes an exchange), failed refuses it "
            + "with the reason; the disposition says what happens to the goods")
    public Mono<ResponseEntity<RefundDetails>> qualityCheck(@PathVariable String id,
                                                            @RequestBody RefundRequests.QualityCheck body,
                                                            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                            Caller caller) {
        return act(id, ifMatch, caller, () -> {
            RefundRequests.QualityCheck request = validator.validate(body, body.errors());
            return (actor, at) -> new RecordQualityCheck(id, request.passed(),
                    Disposition.valueOf(request.disposition()), RefundRequests.optional(request.reason()), actor, at);
        });
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize(Roles.SUPERVISORS)
    @Operation(summary = "A supervisor approves a refund above the store's threshold")
    public Mono<ResponseEntity<RefundDetails>> approve(@PathVariable String id,
                                                       @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                       Caller caller) {
        return act(id, ifMatch, caller, () -> (actor, at) -> new ApproveRefund(id, ActorRole.SUPERVISOR, actor, at));
    }

    @FunctionalInterface
    interface CommandFor {
        Object command(String actor, Instant at);
    }

    /** Validate the body, find the refund in the caller's stores, send with the expected version, answer the new view. */
    private Mono<ResponseEntity<RefundDetails>> act(String id, String ifMatch, Caller caller,
                                                    Callable<CommandFor> request) {
        return Blocking.call(() -> {
            CommandFor command = request.call();
            visible(id, caller);
            Long expected = expectedVersion(ifMatch);
            MetaData metaData = expected == null ? MetaData.emptyInstance()
                    : MetaData.with("expectedVersion", expected);
            commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(
                    command.command(caller.subject(), clock.instant())).andMetaData(metaData));
            return answer(ResponseEntity.ok(), queries.find(id).orElseThrow(RefundController::notFound));
        });
    }

    private ResponseEntity<RefundDetails> answer(ResponseEntity.BodyBuilder builder, RefundView view) {
        return builder.eTag(Versions.etag(view.version()))
                .body(new RefundDetails(view, queries.ledger(view.orderLineId()).orElse(null)));
    }

    private RefundView visible(String id, Caller caller) {
        return queries.find(id).filter(view -> caller.worksFor(view.storeId())).orElseThrow(RefundController::notFound);
    }

    static Long expectedVersion(String ifMatch) {
        return Versions.expected(ifMatch, "refund");
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such refund");
    }
}
