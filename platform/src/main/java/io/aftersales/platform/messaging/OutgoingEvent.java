package io.aftersales.platform.messaging;

import java.util.Objects;

/**
 * An integration event ready to leave the service: its CloudEvents {@code type}, the Kafka key
 * (the aggregate id, or another business key such as the product on the quality topic) and the
 * payload record that becomes the message value.
 */
public record OutgoingEvent(String type, String key, Object data) {

    public OutgoingEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
    }
}
