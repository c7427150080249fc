package io.aftersales.ticket.web;

import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import io.aftersales.platform.web.RequestValidator;
import io.aftersales.ticket.api.AgreeResolution;
import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.ApproveResolution;
import io.aftersales.ticket.api.AssessQuality;
import io.aftersales.ticket.api.AssignTicket;
import io.aftersales.ticket.api.AttachEvidence;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.PlatformDecision;
import io.aftersales.ticket.api.RecordPlatformDecision;
import io.aftersales.ticket.api.CancelTicket;
import io.aftersales.ticket.api.ClaimTicket;
import io.aftersales.ticket.api.CloseTicket;
import io.aftersales.ticket.api.DecideResponsibility;
import io.aftersales.ticket.api.ProposeResolution;
import io.aftersales.ticket.api.RecordOfferRefused;
import io.aftersales.ticket.api.RecordPhotosRefused;
import io.aftersales.ticket.api.RecordReply;
import io.aftersales.ticket.api.RecordSatisfaction;
import io.aftersales.ticket.api.RejectResolution;
import io.aftersales.ticket.api.ReopenTicket;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.RequestEvidence;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.VerifyQuality;
import io.aftersales.ticket.query.TicketView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The actions on a ticket (lifecycle.md §1): {@code POST /api/v1/tickets/{id}/...}. Each maps the
 * request to one command and the result to the ticket's new view with its ETag; the ticket decides.
 * Every action: the body is validated first (400 naming the fields), a ticket of another store is
 * 404 like an unknown id, {@code If-Match} other than the ticket's current ETag is 409, an action
 * the ticket's state does not allow is 409 naming the state, and the actor is the token's subject.
 */
@RestController
@RequestMapping("/api/v1/tickets/{id}")
@ApiResponses({
        @ApiResponse(responseCode = "200", description = "The action was recorded: the ticket's new view, with its ETag"),
        @ApiResponse(responseCode = "400", description = "The body is invalid: one entry per field",
                content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "403", description = "The caller's role (or the caller, e.g. approving their own "
                + "proposal) may not take this action", content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "404", description = "No such ticket in the caller's stores",
                content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(responseCode = "409", description = "If-Match is not the ticket's current ETag, or the ticket's "
                + "state does not allow this action (the problem's state and action say which)",
                content = @Content(mediaType = "application/problem+json"))})
public class TicketWorkController {

    private static final String IF_MATCH = "If-Match";

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;
    private final RequestValidator validator;
    private final Clock clock;

    public TicketWorkController(CommandGateway commandGateway, QueryGateway queryGateway, RequestValidator validator,
                                Clock clock) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
        this.validator = validator;
        this.clock = clock;
    }

    @PostMapping("/claim")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Claim the ticket from the store's pool")
    public Mono<ResponseEntity<TicketView>> claim(@PathVariable String id,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, ifMatch, caller, () -> (actor, at, version) -> new ClaimTicket(id, actor, at, version));
    }

    @PostMapping("/assignment")
    @PreAuthorize(Roles.SUPERVISORS)
    @Operation(summary = "Assign (or reassign) the ticket to an agent")
    public Mono<ResponseEntity<TicketView>> assign(@PathVariable String id, @RequestBody WorkRequests.Assignment body,
                                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Assignment request = validator.validate(body);
            return (actor, at, version) -> new AssignTicket(id, request.assignee().strip(), actor, at, version);
        });
    }

    @PostMapping("/replies")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Record a reply to the buyer and its channel; the first one stops the first-reply clock")
    public Mono<ResponseEntity<TicketView>> reply(@PathVariable String id, @RequestBody WorkRequests.Reply body,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Reply request = validator.validate(body, body.errors());
            return (actor, at, version) -> new RecordReply(id, ReplyChannel.valueOf(request.channel()),
                    request.text().strip(), actor, at, version);
        });
    }

    @PostMapping("/evidence-requests")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Ask the buyer for evidence: the ticket waits on the buyer")
    public Mono<ResponseEntity<TicketView>> requestEvidence(@PathVariable String id,
                                                            @RequestBody WorkRequests.EvidenceRequest body,
                                                            @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                            Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.EvidenceRequest request = validator.validate(body);
            return (actor, at, version) -> new RequestEvidence(id, request.what().strip(), actor, at, version);
        });
    }

    @PostMapping("/evidence")
    @PreAuthorize(Roles.CASE_CONTRIBUTORS)
    @Operation(summary = "Attach evidence references (archived under the buyer's id)")
    public Mono<ResponseEntity<TicketView>> attachEvidence(@PathVariable String id,
                                                           @RequestBody WorkRequests.EvidenceAttachment body,
                                                           @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                           Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.EvidenceAttachment request = validator.validate(body);
            return (actor, at, version) -> new AttachEvidence(id, request.toEvidence(), actor, at, version);
        });
    }

    @PostMapping("/responsibility")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Decide who is at fault (SELLER, COURIER, BUYER); it decides who pays shipping")
    public Mono<ResponseEntity<TicketView>> decideResponsibility(@PathVariable String id,
                                                                 @RequestBody WorkRequests.ResponsibilityDecision body,
                                                                 @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                                 Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.ResponsibilityDecision request = validator.validate(body, body.errors());
            return (actor, at, version) -> new DecideResponsibility(id,
                    Responsibility.valueOf(request.responsibility()), WorkRequests.optional(request.reason()),
                    actor, at, version);
        });
    }

    @PostMapping("/quality-assessment")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Start the proof of a quality claim: the photo window and whether the item was worn decide the path")
    public Mono<ResponseEntity<TicketView>> assessQuality(@PathVariable String id,
                                                          @RequestBody WorkRequests.QualityAssessment body,
                                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                          Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.QualityAssessment request = validator.validate(body);
            return (actor, at, version) -> new AssessQuality(id, request.worn(), actor, at, version);
        });
    }

    @PostMapping("/quality-verification")
    @PreAuthorize(Roles.CASE_CONTRIBUTORS)
    @Operation(summary = "The photos (or, at the warehouse, the item) prove the defect")
    public Mono<ResponseEntity<TicketView>> verifyQuality(@PathVariable String id, @RequestBody WorkRequests.Note body,
                                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                          Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Note request = validator.validate(body);
            return (actor, at, version) -> new VerifyQuality(id, WorkRequests.optional(request.note()), actor, at, version);
        });
    }

    @PostMapping("/photos-refused")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The buyer will not send photos: the item is asked back for the warehouse to verify")
    public Mono<ResponseEntity<TicketView>> photosRefused(@PathVariable String id, @RequestBody WorkRequests.Note body,
                                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                          Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Note request = validator.validate(body);
            return (actor, at, version) -> new RecordPhotosRefused(id, WorkRequests.optional(request.note()), actor, at,
                    version);
        });
    }

    /** A supervisor's proposal is made as a supervisor's (bySupervisor): the role of the token decides, never the body. */
    @PostMapping("/proposals")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Propose a resolution; the store's policy decides whether a supervisor approves it first")
    @ApiResponse(responseCode = "422", description = "The store's policy refuses the proposal: the problem's decision "
            + "names each rule (rule, outcome, limit, explanation)",
            content = @Content(mediaType = "application/problem+json"))
    public Mono<ResponseEntity<TicketView>> propose(@PathVariable String id, @RequestBody WorkRequests.ProposalBody body,
                                                    @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                    Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.ProposalBody request = validator.validate(body, body.errors());
            boolean bySupervisor = caller.roles().contains(Roles.SUPERVISOR);
            return (actor, at, version) -> new ProposeResolution(id, request.toProposal(), bySupervisor, actor, at,
                    version);
        });
    }

    @PostMapping("/proposals/{number}/approval")
    @PreAuthorize(Roles.SUPERVISORS)
    @Operation(summary = "Approve a proposal waiting for a supervisor (not one's own)")
    public Mono<ResponseEntity<TicketView>> approve(@PathVariable String id, @PathVariable String number,
                                                    @RequestBody(required = false) WorkRequests.Note body,
                                                    @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                    Caller caller) {
        return act(id, ifMatch, caller, () -> {
            int proposal = proposalNumber(number);
            String note = body == null ? null : WorkRequests.optional(validator.validate(body).note());
            return (actor, at, version) -> new ApproveResolution(id, proposal, note, actor, at, version);
        });
    }

    @PostMapping("/proposals/{number}/rejection")
    @PreAuthorize(Roles.SUPERVISORS)
    @Operation(summary = "Reject a proposal waiting for a supervisor; the agent proposes again")
    public Mono<ResponseEntity<TicketView>> reject(@PathVariable String id, @PathVariable String number,
                                                   @RequestBody(required = false) WorkRequests.Note body,
                                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, ifMatch, caller, () -> {
            int proposal = proposalNumber(number);
            String note = body == null ? null : WorkRequests.optional(validator.validate(body).note());
            return (actor, at, version) -> new RejectResolution(id, proposal, note, actor, at, version);
        });
    }

    @PostMapping("/agreement")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The buyer accepted the offered resolution (told to an agent, or through the platform)")
    public Mono<ResponseEntity<TicketView>> agree(@PathVariable String id, @RequestBody WorkRequests.Agreement body,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Agreement request = validator.validate(body, body.errors());
            return (actor, at, version) -> new AgreeResolution(id, AgreementSource.valueOf(request.source()), actor, at,
                    version);
        });
    }

    @PostMapping("/offer-refusal")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "The buyer refused the offer: back to the agent, or to a supervisor after a negotiated one")
    public Mono<ResponseEntity<TicketView>> refuseOffer(@PathVariable String id, @RequestBody WorkRequests.OfferRefusal body,
                                                        @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                        Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.OfferRefusal request = validator.validate(body);
            return (actor, at, version) -> new RecordOfferRefused(id, request.reason().strip(), actor, at, version);
        });
    }

    @PostMapping("/close")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Close the ticket; closing sends the satisfaction survey")
    public Mono<ResponseEntity<TicketView>> close(@PathVariable String id,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  Caller caller) {
        return act(id, ifMatch, caller, () -> (actor, at, version) -> new CloseTicket(id, false, actor, at, version));
    }

    @PostMapping("/satisfaction")
    @PreAuthorize(Roles.CASE_WORKERS)
    @Operation(summary = "Record the buyer's satisfaction score (1-5) from the survey")
    public Mono<ResponseEntity<TicketView>> satisfaction(@PathVariable String id,
                                                         @RequestBody WorkRequests.Satisfaction body,
                                                         @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                         Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Satisfaction request = validator.validate(body);
            return (actor, at, version) -> new RecordSatisfaction(id, request.score(),
                    WorkRequests.optional(request.comment()), actor, at, version);
        });
    }

    @PostMapping("/reopen")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Reopen a resolved or closed ticket within the store's reopen window")
    public Mono<ResponseEntity<TicketView>> reopen(@PathVariable String id, @RequestBody WorkRequests.Reopening body,
                                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Reopening request = validator.validate(body);
            return (actor, at, version) -> new ReopenTicket(id, request.reason().strip(), actor, at, version);
        });
    }

    @PostMapping("/cancellation")
    @PreAuthorize(Roles.CASE_AGENTS)
    @Operation(summary = "Cancel the ticket: the buyer withdrew, or it duplicates another ticket (duplicateOf)")
    public Mono<ResponseEntity<TicketView>> cancel(@PathVariable String id, @RequestBody WorkRequests.Cancellation body,
                                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                   Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.Cancellation request = validator.validate(body, body.errors());
            CancelReason reason = CancelReason.valueOf(request.reason());
            String duplicateOf = reason == CancelReason.DUPLICATE ? request.duplicateOf().strip() : null;
            return (actor, at, version) -> new CancelTicket(id, reason, duplicateOf, actor, at, version);
        });
    }

    /**
     * The platform decided the buyer's request itself (auto-approved when the seller's window ran out):
     * recorded by whoever sees it first, the platform sync (an agent-like account), an agent, a supervisor.
     */
    @PostMapping("/platform-decision")
    @PreAuthorize(PLATFORM_DECISION_ROLES)
    @Operation(summary = "Record that the platform decided the request itself (AUTO_APPROVED)")
    public Mono<ResponseEntity<TicketView>> platformDecision(@PathVariable String id,
                                                             @RequestBody WorkRequests.PlatformDecisionBody body,
                                                             @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                             Caller caller) {
        return act(id, ifMatch, caller, () -> {
            WorkRequests.PlatformDecisionBody request = validator.validate(body, body.errors());
            PlatformDecision decision = PlatformDecision.valueOf(request.decision().strip());
            return (actor, at, version) -> new RecordPlatformDecision(id, decision, actor, at, version);
        });
    }

    private static final String PLATFORM_DECISION_ROLES = "hasAnyRole('AGENT','SUPERVISOR','ADMIN')";

    /** The command an action sends, once the request is valid: actor, time and expected version come from here. */
    @FunctionalInterface
    interface CommandFor {
        Object command(String actor, Instant requestedAt, Long expectedVersion);
    }

    /**
     * One way for every action: validate the body, find the ticket in the caller's stores, check
     * If-Match against its version, send the command, answer with the new view and its ETag.
     */
    private Mono<ResponseEntity<TicketView>> act(String id, String ifMatch, Caller caller, Callable<CommandFor> request) {
        return Blocking.call(() -> {
            CommandFor command = request.call();
            TicketController.visible(queryGateway, id, caller);
            // the ticket refuses any other version than its own (ConflictingAggregateVersionException: 409)
            Long expected = TicketController.expectedVersion(ifMatch);
            commandGateway.sendAndWait(command.command(caller.subject(), clock.instant(), expected));
            TicketView view = TicketController.find(queryGateway, id).orElseThrow(TicketController::notFound);
            return ResponseEntity.ok().eTag(TicketController.etag(view)).body(view);
        });
    }

    private static int proposalNumber(String number) {
        try {
            int value = Integer.parseInt(number.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidRequestException(List.of(new FieldError("number", "must be a proposal number (1, 2, ...)")));
    }
}
