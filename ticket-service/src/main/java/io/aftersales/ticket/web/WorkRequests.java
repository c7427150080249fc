package io.aftersales.ticket.web;

import io.aftersales.platform.web.EnumField;
import io.aftersales.platform.web.FieldError;
import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.PlatformDecision;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.DeclineReason;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.Responsibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the actions on a ticket ({@link TicketWorkController}). Bean Validation checks each
 * field; {@code errors()} adds the rules that need an enumeration or span fields, reported together.
 * The actor is never part of a body: it is the token's subject.
 */
public final class WorkRequests {

    static final int TEXT = 2000;

    private WorkRequests() {
    }

    public record Assignment(@NotBlank @Size(max = 64) String assignee) {
    }

    public record Reply(@NotBlank String channel, @NotBlank @Size(max = 4000) String text) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("channel", channel, ReplyChannel.class, errors);
            return errors;
        }
    }

    public record EvidenceRequest(@NotBlank @Size(max = 500) String what) {
    }

    public record EvidenceAttachment(
            @NotNull @Size(min = 1, max = 20) List<OpenTicketRequest.@NotNull @Valid EvidenceBody> evidence) {
        List<Evidence> toEvidence() {
            return evidence.stream().map(e -> new Evidence(e.kind().strip(), e.ref().strip())).toList();
        }
    }

    public record ResponsibilityDecision(@NotBlank String responsibility, @Size(max = TEXT) String reason) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("responsibility", responsibility, Responsibility.class, errors);
            return errors;
        }
    }

    public record QualityAssessment(@NotNull Boolean worn) {
    }

    /** A note with an action (verification, photos refused, approval, rejection): optional. */
    public record Note(@Size(max = TEXT) String note) {
    }

    public record ProposalBody(@NotBlank String kind, @Size(max = 20) List<@NotNull @Valid Line> lines,
                               String declineReason, @Min(0) @Max(100) Integer partRepairs,
                               @Size(max = TEXT) String note) {

        public record Line(@NotBlank String type, @NotNull @Valid OpenTicketRequest.MoneyBody amount,
                           @Size(max = 500) String note) {
        }

        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            ResolutionKind resolution = EnumField.parse("kind", kind, ResolutionKind.class, errors);
            EnumField.parse("declineReason", declineReason, DeclineReason.class, errors);
            if (resolution == ResolutionKind.DECLINE && (declineReason == null || declineReason.isBlank())) {
                errors.add(new FieldError("declineReason", "is required to decline"));
            }
            if (lines != null) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i) != null) {
                        EnumField.parse("lines[" + i + "].type", lines.get(i).type(), CompensationLineType.class, errors);
                    }
                }
            }
            return errors;
        }

        Proposal toProposal() {
            List<CompensationLine> compensation = lines == null ? List.of() : lines.stream()
                    .map(line -> new CompensationLine(CompensationLineType.valueOf(line.type()),
                            new Money(line.amount().amount(), line.amount().currency()), optional(line.note())))
                    .toList();
            return new Proposal(ResolutionKind.valueOf(kind), compensation,
                    declineReason == null || declineReason.isBlank() ? null : DeclineReason.valueOf(declineReason),
                    partRepairs, optional(note));
        }
    }

    public record Agreement(@NotBlank String source) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("source", source, AgreementSource.class, errors);
            return errors;
        }
    }

    public record OfferRefusal(@NotBlank @Size(max = TEXT) String reason) {
    }

    public record Satisfaction(@NotNull @Min(1) @Max(5) Integer score, @Size(max = TEXT) String comment) {
    }

    public record Reopening(@NotBlank @Size(max = TEXT) String reason) {
    }

    public record Cancellation(@NotBlank String reason, @Size(max = 64) String duplicateOf) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            CancelReason why = EnumField.parse("reason", reason, CancelReason.class, errors);
            if (why == CancelReason.DUPLICATE && (duplicateOf == null || duplicateOf.isBlank())) {
                errors.add(new FieldError("duplicateOf", "is required for a duplicate"));
            }
            return errors;
        }
    }

    /** Absent optional text is null, never "". */
    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public record PlatformDecisionBody(@NotBlank String decision) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("decision", decision, PlatformDecision.class, errors);
            return errors;
        }
    }
}
