package io.aftersales.refund.web;

import io.aftersales.platform.web.EnumField;
import io.aftersales.platform.web.FieldError;
import io.aftersales.refund.api.Disposition;
import io.aftersales.refund.api.Money;
import io.aftersales.refund.api.Platform;
import io.aftersales.refund.api.RefundKind;
import io.aftersales.refund.api.RefundLine;
import io.aftersales.refund.api.RefundLineType;
import io.aftersales.refund.api.Responsibility;
import io.aftersales.refund.api.ReturnMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The bodies of the refund API. Bean Validation checks each field; {@code errors()} the enumerations. */
public final class RefundRequests {

    private RefundRequests() {
    }

    public record MoneyBody(@NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount,
                            @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {
        Money toMoney() {
            return new Money(amount, currency);
        }
    }

    public record LineBody(@NotBlank String type, @NotNull @Valid MoneyBody amount) {
    }

    /** A platform's refund request: {@code platform} + {@code externalRefundId} name it. */
    public record OpenRefundRequest(@NotBlank String platform, @NotBlank @Size(max = 128) String externalRefundId,
                                    @NotBlank @Size(max = 64) String storeId, @NotBlank @Size(max = 64) String orderId,
                                    @Size(max = 128) String orderLineId, @NotBlank @Size(max = 64) String buyerId,
                                    @NotBlank @Size(max = 64) String sku, @Size(max = 64) String product,
                                    @Size(max = 64) String batch, @NotBlank String kind,
                                    @NotNull @Valid MoneyBody paidForLine,
                                    @Size(max = 20) List<@NotNull @Valid LineBody> lines, String responsibility) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("platform", platform, Platform.class, errors);
            EnumField.parse("kind", kind, RefundKind.class, errors);
            EnumField.parse("responsibility", responsibility, Responsibility.class, errors);
            if (lines != null) {
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i) != null) {
                        EnumField.parse("lines[" + i + "].type", lines.get(i).type(), RefundLineType.class, errors);
                    }
                }
            }
            return errors;
        }

        List<RefundLine> refundLines() {
            return lines == null ? List.of() : lines.stream()
                    .map(l -> new RefundLine(RefundLineType.valueOf(l.type()), l.amount().toMoney())).toList();
        }
    }

    public record Refusal(@NotBlank @Size(max = 2000) String reason) {
    }

    public record ReturnShipment(@NotBlank @Size(max = 32) String courier, @NotBlank @Size(max = 64) String trackingNumber,
                                 String method, Boolean cashOnDelivery, @Valid MoneyBody postage) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("method", method, ReturnMethod.class, errors);
            return errors;
        }
    }

    public record Receipt(@Size(max = 64) String warehouseId) {
    }

    public record QualityCheck(@NotNull Boolean passed, @NotBlank String disposition, @Size(max = 2000) String reason) {
        List<FieldError> errors() {
            List<FieldError> errors = new ArrayList<>();
            EnumField.parse("disposition", disposition, Disposition.class, errors);
            return errors;
        }
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
