package io.aftersales.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes integration events from the service's own event store: a tracking processor reads the
 * store (the outbox) and sends each translated event to Kafka. The batch's sends are awaited
 * before its last event returns, so the processor's token only moves past events Kafka has
 * acknowledged; a failure rolls the batch back and the processor retries it. The CloudEvents id is
 * the stored event's identifier, so a retried batch repeats the same ids and consumers drop them.
 * An event that can never be published (too large, unserializable) is parked in
 * {@link PublishDeadLetters} instead, and the relay goes on: retrying it would stop the relay for good.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "integration-publisher";
    private static final String PENDING_SENDS = KafkaEventRelay.class.getName() + ".pendingSends";

    private final KafkaTemplate<String, byte[]> kafkaTemplate;
    private final OutgoingEventTranslator translator;
    private final MessagingProperties properties;
    private final MeterRegistry meterRegistry;
    private final List<PublishedEventListener> listeners;
    private final PublishDeadLetters deadLetters;

    public KafkaEventRelay(KafkaTemplate<String, byte[]> kafkaTemplate, OutgoingEventTranslator translator,
                           MessagingProperties properties, MeterRegistry meterRegistry,
                           List<PublishedEventListener> listeners, PublishDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.kafkaTemplate = kafkaTemplate;
        this.translator = translator;
        this.properties = properties;
        this.meterRegistry = meterRegistry;
        this.listeners = List.copyOf(listeners);
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> event) throws Exception {
        Optional<OutgoingEvent> outgoing = translator.translate(payload);
        List<PendingSend> pending = pendingSends();
        if (outgoing.isPresent()) {
            send(payload, outgoing.get(), event, pending);
        }
        if (isLastOfBatch()) {
            awaitAll(pending);
        }
    }

    private void send(Object payload, OutgoingEvent outgoing, EventMessage<?> event, List<PendingSend> pending) {
        CompletableFuture<SendResult<String, byte[]>> result;
        try {
            result = kafkaTemplate.send(toRecord(outgoing, event));
        } catch (RuntimeException e) {
            if (!PublishDeadLetters.isUnpublishable(e)) {
                throw e;
            }
            deadLetters.park(event, outgoing.type(), properties.topic(), e);
            return;
        }
        pending.add(new PendingSend(payload, event, outgoing, result));
    }

    private ProducerRecord<String, byte[]> toRecord(OutgoingEvent outgoing, EventMessage<?> event) {
        byte[] value;
        try {
            value = IntegrationJson.mapper().writeValueAsBytes(outgoing.data());
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot serialize " + outgoing.type() + " as JSON", e);
        }
        String subject = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : outgoing.key();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(properties.topic(), outgoing.key(), value);
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, event.getIdentifier());
        header(record, CloudEventHeaders.SOURCE, properties.source());
        header(record, CloudEventHeaders.TYPE, outgoing.type());
        header(record, CloudEventHeaders.TIME, event.getTimestamp().toString());
        header(record, CloudEventHeaders.SUBJECT, subject);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitAll(List<PendingSend> pending) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        List<PendingSend> acknowledged = new ArrayList<>();
        for (PendingSend send : pending) {
            SendResult<String, byte[]> result;
            try {
                result = send.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (!PublishDeadLetters.isUnpublishable(e.getCause())) {
                    throw e;
                }
                deadLetters.park(send.event(), send.outgoing().type(), properties.topic(), e.getCause());
                continue;
            }
            acknowledged.add(send);
            Counter.builder("aftersales_events_published")
                    .description("Integration events acknowledged by Kafka")
                    .tag("topic", result.getRecordMetadata().topic())
                    .tag("type", send.outgoing().type())
                    .register(meterRegistry)
                    .increment();
        }
        Instant acknowledgedAt = Instant.now();
        for (PendingSend send : acknowledged) {
            Duration lag = Duration.between(send.event().getTimestamp(), acknowledgedAt);
            Timer.builder("aftersales_relay_lag")
                    .description("From an event's storing to Kafka's acknowledgement of its integration event")
                    .tag("topic", properties.topic())
                    .register(meterRegistry)
                    .record(lag.isNegative() ? Duration.ZERO : lag);
        }
        for (PendingSend send : acknowledged) {
            listeners.forEach(listener -> listener.published(send.domainEvent(), send.outgoing(), acknowledgedAt));
        }
        pending.clear();
    }

    private record PendingSend(Object domainEvent, EventMessage<?> event, OutgoingEvent outgoing,
                               CompletableFuture<SendResult<String, byte[]>> result) {
    }

    private static List<PendingSend> pendingSends() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ArrayList<>();
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(PENDING_SENDS, key -> new ArrayList<>());
    }

    private static boolean isLastOfBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return true;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
    }
}
