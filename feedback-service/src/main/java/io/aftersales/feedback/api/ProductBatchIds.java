package io.aftersales.feedback.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids, so that every instance addresses the same aggregate for the same product and
 * batch and the event store's uniqueness on (aggregate, sequence) settles races between them.
 *
 * <p>A product batch is {@code <product>/<batch>} with each part keeping {@code A-Z a-z 0-9 . _ -}
 * and percent-encoding every other UTF-8 byte ({@code ~} for an unknown batch): readable
 * ({@code JK2611/B2026-11-A}) and the published events' {@code ce_subject}. An incident is the
 * name-based UUID of its product batch and its number there.
 */
public final class ProductBatchIds {

    static final String UNKNOWN_BATCH = "~";

    private ProductBatchIds() {
    }

    public static String of(String product, String batch) {
        return encode(product) + "/" + (batch == null ? UNKNOWN_BATCH : encode(batch));
    }

    public static String incident(String productBatchId, int number) {
        return UUID.nameUUIDFromBytes(("incident:" + productBatchId + "#" + number).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static String encode(String part) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-') {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
