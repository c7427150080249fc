package io.aftersales.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A CloudEvent received in Kafka binary mode. Built by {@link #from}, which rejects what is not one. */
public record InboundCloudEvent(String id, String type, String source, String subject, Instant time,
                                String topic, String key, byte[] data) {

    public static InboundCloudEvent from(ConsumerRecord<String, byte[]> record) {
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        String specVersion = required(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new MalformedMessageException("Unsupported CloudEvents spec version " + specVersion);
        }
        String timeText = header(record, CloudEventHeaders.TIME);
        Instant time;
        try {
            time = timeText == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(timeText);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException("Bad ce_time " + timeText);
        }
        if (record.value() == null) {
            throw new MalformedMessageException("CloudEvent " + id + " has no data");
        }
        return new InboundCloudEvent(id, type, source, header(record, CloudEventHeaders.SUBJECT), time,
                record.topic(), record.key(), record.value());
    }

    /** The data as the given published record type; fields it does not know are ignored. */
    public <T> T dataAs(Class<T> type) {
        try {
            return IntegrationJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new MalformedMessageException("CloudEvent " + id + " data is not a valid " + type.getSimpleName() + ": " + originalMessage(e));
        }
    }

    public JsonNode dataAsTree() {
        try {
            return IntegrationJson.mapper().readTree(data);
        } catch (IOException e) {
            throw new MalformedMessageException("CloudEvent " + id + " data is not JSON");
        }
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    private static String required(ConsumerRecord<String, byte[]> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new MalformedMessageException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
