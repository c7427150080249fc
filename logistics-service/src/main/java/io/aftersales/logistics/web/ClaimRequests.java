package io.aftersales.logistics.web;

import io.aftersales.logistics.api.ClaimRuleViolation;
import io.aftersales.logistics.api.Money;

import java.math.BigDecimal;

/** The bodies of the claim endpoints. Missing or malformed content is refused with 400 naming the field. */
final class ClaimRequests {

    private ClaimRequests() {
    }

    record OpenClaimRequest(String ticketId, String storeId, String orderId, String sku, Integer quantity, String kind,
                            String courier, String trackingNumber) {
    }

    record ShippedRequest(String courier, String trackingNumber) {
    }

    record WeighingRequest(Integer slipWeightGrams, Integer measuredWeightGrams) {
    }

    record WrongShipmentRequest(String skuSent, Integer quantity, String warehouse) {
    }

    record AddressRequest(String resolution, String remark) {
    }

    record FilingRequest(String courier, String claimNumber, MoneyBody amountClaimed) {
    }

    record AcceptanceRequest(MoneyBody amountAccepted) {
    }

    record TextRequest(String reason, String note) {
    }

    record CompensationRequest(MoneyBody amountReceived, String note) {
    }

    /** Money as published: a decimal string and an ISO 4217 currency. */
    record MoneyBody(String amount, String currency) {
    }

    static Money money(String field, MoneyBody body) {
        if (body == null || body.amount() == null) {
            throw new ClaimRuleViolation(field, "is required: {\"amount\": \"12.50\", \"currency\": \"CNY\"}");
        }
        if (!body.amount().matches("(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?")) {
            throw new ClaimRuleViolation(field, "amount must be a decimal string such as \"12.50\"");
        }
        return new Money(new BigDecimal(body.amount()), body.currency() == null ? "CNY" : body.currency());
    }

    static int number(String field, Integer value) {
        if (value == null) {
            throw new ClaimRuleViolation(field, "is required");
        }
        return value;
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null) {
            throw new ClaimRuleViolation(field, "is required: one of " + java.util.EnumSet.allOf(type));
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            throw new ClaimRuleViolation(field, "must be one of " + java.util.EnumSet.allOf(type));
        }
    }
}
