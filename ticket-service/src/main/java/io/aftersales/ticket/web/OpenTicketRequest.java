package io.aftersales.ticket.web;

import io.aftersales.platform.web.FieldError;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.TicketIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of {@code POST /api/v1/tickets}. Enumerations arrive as text so that an unknown value
 * is reported as a field error next to the others, not as an unreadable body.
 */
public record OpenTicketRequest(
        @NotBlank @Size(max = 64) String storeId,
        @NotBlank String platform,
        @NotBlank @Size(max = 64) String orderId,
        @Size(max = 128) String externalId,
        @NotBlank @Size(max = 64) String buyerId,
        Boolean vip,
        @NotBlank @Size(max = 64) String sku,
        @Size(max = 64) String styleCode,
        @Size(max = 64) String batch,
        @NotNull @Positive @Max(100_000) Integer quantity,
        @NotNull @Valid MoneyBody paidAmount,
        Instant signedAt,
        @NotBlank String category,
        @Size(max = 64) String defectType,
        @Size(max = 4000) String description,
        @Size(max = 20) List<@NotNull @Valid EvidenceBody> evidence,
        @Size(max = 32) String channel,
        Instant platformDeadline) {

    public record MoneyBody(
            @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY") String currency) {
    }

    public record EvidenceBody(@NotBlank @Size(max = 32) String kind, @NotBlank @Size(max = 512) String ref) {
    }

    /**
     * The command this (validated) request asks for. The ticket id names the platform case
     * ({@code platform} + {@code externalId}) or, without one, the store's {@code idempotencyKey}, so that a
     * repeated intake meets the first ticket in the event store; otherwise it is new.
     */
    OpenTicket toCommand(String idempotencyKey, String actor, Instant requestedAt) {
        Platform platform = Platform.valueOf(this.platform);
        String externalId = optional(this.externalId);
        String ticketId = externalId == null && idempotencyKey != null
                ? TicketIds.forIdempotencyKey(storeId.strip(), idempotencyKey)
                : TicketIds.forIntake(platform, externalId);
        List<Evidence> evidence = this.evidence == null ? List.of()
                : this.evidence.stream().map(e -> new Evidence(e.kind(), e.ref())).toList();
        return new OpenTicket(ticketId, storeId.strip(), platform, orderId.strip(), externalId, buyerId.strip(),
                Boolean.TRUE.equals(vip), sku.strip(), optional(styleCode), optional(batch), quantity,
                new Money(paidAmount.amount(), paidAmount.currency()), signedAt, Category.valueOf(category),
                optional(defectType), optional(description), evidence, optional(channel), actor, requestedAt)
                .withPlatformDeadline(platformDeadline);
    }

    /** Published events carry null, never "", for an absent optional value. */
    private static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Rules that span fields or need the enumerations; reported together with the annotation checks. */
    List<FieldError> crossFieldErrors() {
        List<FieldError> errors = new ArrayList<>();
        if (platform != null && !platform.isBlank() && !isOneOf(platform, Platform.values())) {
            errors.add(new FieldError("platform", "must be one of " + Arrays.toString(Platform.values())));
        }
        if (category != null && !category.isBlank()) {
            if (!isOneOf(category, Category.values())) {
                errors.add(new FieldError("category", "must be one of " + Arrays.toString(Category.values())));
            } else if (Category.valueOf(category).requiresDefectType() && (defectType == null || defectType.isBlank())) {
                errors.add(new FieldError("defectType", "is required for a quality complaint"));
            }
        }
        return errors;
    }

    private static boolean isOneOf(String value, Enum<?>[] values) {
        return Arrays.stream(values).anyMatch(v -> v.name().equals(value));
    }
}
