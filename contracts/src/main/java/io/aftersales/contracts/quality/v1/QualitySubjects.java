package io.aftersales.contracts.quality.v1;

import java.nio.charset.StandardCharsets;

/**
 * The {@code ce_subject} of every quality event: the product batch the event is about, written
 * {@code <product>/<batch>} (for example {@code JK2611/B2026-11-A}). Each part keeps
 * {@code A-Z a-z 0-9 . _ -} and percent-encodes every other UTF-8 byte, so the two parts can always
 * be told apart; an unknown batch is written {@code ~}.
 */
public final class QualitySubjects {

    /** Stands for "batch unknown"; never produced by encoding a real batch ({@code ~} is encoded). */
    public static final String UNKNOWN_BATCH = "~";

    private QualitySubjects() {
    }

    public static String of(String product, String batch) {
        return encode(product) + "/" + (batch == null ? UNKNOWN_BATCH : encode(batch));
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
