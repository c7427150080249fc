package io.aftersales.ticket.messaging;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersales.contracts.ContractResources;
import io.aftersales.contracts.Topics;
import io.aftersales.contracts.claims.v1.ClaimOpened;
import io.aftersales.contracts.claims.v1.ReshipmentShipped;
import io.aftersales.contracts.refunds.v1.GoodsReceived;
import io.aftersales.contracts.refunds.v1.RefundPaid;
import io.aftersales.platform.messaging.CloudEventHeaders;
import io.aftersales.platform.messaging.IntegrationJson;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.testing.InMemoryMongo;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.RecordDownstreamProgress;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each refund and claim event the contract samples describe moves the ticket it names, once; the rest is skipped. */
class DownstreamEventListenerTest {

    private static final String TICKET = "0f6b3c52-8d1e-4a7b-9c3f-2e5d7a9b1c40";
    private static final String RESHIP_TICKET = "5b2e9d17-3c4a-4f6e-8b1d-7a9c0e2f4d61";

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private final RecordingCommandGateway gateway = new RecordingCommandGateway();
    private DownstreamEventListener listener;

    @BeforeEach
    void start() {
        Inbox inbox = new Inbox(MONGO.freshDatabase("downstream"), Duration.ofDays(7), new SimpleMeterRegistry());
        listener = new DownstreamEventListener(inbox, gateway);
    }

    @Test
    void a_paid_refund_records_the_refund_paid_part_of_its_resolution() {
        listener.on(record(Topics.REFUNDS, RefundPaid.TYPE, sample(RefundPaid.TYPE)));

        assertThat(gateway.sent).containsExactly(new RecordDownstreamProgress(TICKET, 1, DownstreamPart.REFUND_PAID,
                "rf-20261112-000381", Instant.parse("2026-11-13T06:48:30.517Z")));
    }

    @Test
    void received_goods_record_the_return_received_part() {
        listener.on(record(Topics.REFUNDS, GoodsReceived.TYPE, sample(GoodsReceived.TYPE)));

        assertThat(gateway.sent).containsExactly(new RecordDownstreamProgress(TICKET, 1,
                DownstreamPart.RETURN_RECEIVED, "rf-20261112-000381", Instant.parse("2026-11-13T05:31:12Z")));
    }

    @Test
    void an_opened_claim_records_the_claim_opened_part_without_a_resolution_number() {
        listener.on(record(Topics.CLAIMS, ClaimOpened.TYPE, sample(ClaimOpened.TYPE)));

        assertThat(gateway.sent).containsExactly(new RecordDownstreamProgress(RESHIP_TICKET, null,
                DownstreamPart.CLAIM_OPENED, "cl-20261114-000052", Instant.parse("2026-11-14T03:45:00Z")));
    }

    @Test
    void a_shipped_reshipment_records_the_replacement_shipped_part() {
        listener.on(record(Topics.CLAIMS, ReshipmentShipped.TYPE, sample(ReshipmentShipped.TYPE)));

        assertThat(gateway.sent).containsExactly(new RecordDownstreamProgress(RESHIP_TICKET, 1,
                DownstreamPart.REPLACEMENT_SHIPPED, "cl-20261114-000052", Instant.parse("2026-11-14T07:12:09Z")));
    }

    @Test
    void a_reshipment_without_a_resolution_number_is_recorded_with_none() {
        ObjectNode shipped = sample(ReshipmentShipped.TYPE);
        shipped.remove("resolutionNumber");

        listener.on(record(Topics.CLAIMS, ReshipmentShipped.TYPE, shipped));

        assertThat(gateway.sent).singleElement().extracting(RecordDownstreamProgress::resolutionNumber).isNull();
    }

    @Test
    void a_refund_no_ticket_asked_for_is_ignored() {
        ObjectNode paid = sample(RefundPaid.TYPE);
        paid.putNull("ticketId");
        paid.putNull("resolutionNumber");

        listener.on(record(Topics.REFUNDS, RefundPaid.TYPE, paid));

        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void other_refund_and_claim_types_are_ignored() {
        listener.on(record(Topics.REFUNDS, "aftersales.refund.refused.v1", sample(RefundPaid.TYPE)));
        listener.on(record(Topics.CLAIMS, "aftersales.claim.compensated.v1", sample(ClaimOpened.TYPE)));

        assertThat(gateway.sent).isEmpty();
    }

    @Test
    void an_event_for_a_ticket_that_does_not_exist_is_skipped_and_the_next_one_still_recorded() {
        gateway.unknownTickets.add(TICKET);

        listener.on(record(Topics.REFUNDS, RefundPaid.TYPE, sample(RefundPaid.TYPE)));
        listener.on(record(Topics.CLAIMS, ClaimOpened.TYPE, sample(ClaimOpened.TYPE)));

        assertThat(gateway.sent).extracting(RecordDownstreamProgress::ticketId).containsExactly(TICKET, RESHIP_TICKET);
    }

    @Test
    void a_redelivered_event_is_recorded_once() {
        ConsumerRecord<String, byte[]> paid = record(Topics.REFUNDS, RefundPaid.TYPE, sample(RefundPaid.TYPE));

        listener.on(paid);
        listener.on(paid);

        assertThat(gateway.sent).hasSize(1);
    }

    @Test
    void any_other_failure_propagates_so_the_event_is_retried_and_not_marked_processed() {
        ConsumerRecord<String, byte[]> paid = record(Topics.REFUNDS, RefundPaid.TYPE, sample(RefundPaid.TYPE));
        gateway.failing = true;

        assertThatThrownBy(() -> listener.on(paid)).isInstanceOf(IllegalStateException.class);
        gateway.failing = false;
        listener.on(paid);

        assertThat(gateway.sent).hasSize(2);
    }

    private static ObjectNode sample(String ceType) {
        try {
            return (ObjectNode) IntegrationJson.mapper().readTree(ContractResources.sample(ceType));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ConsumerRecord<String, byte[]> record(String topic, String ceType, ObjectNode data) {
        String key = data.has("refundId") ? data.get("refundId").asText() : data.get("claimId").asText();
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(topic, 0, 0L, key,
                data.toString().getBytes(StandardCharsets.UTF_8));
        header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        header(record, CloudEventHeaders.SOURCE, topic.equals(Topics.REFUNDS) ? "/aftersales/refund-service"
                : "/aftersales/logistics-service");
        header(record, CloudEventHeaders.TYPE, ceType);
        header(record, CloudEventHeaders.TIME, "2026-11-14T07:12:09Z");
        header(record, CloudEventHeaders.SUBJECT, key);
        header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        return record;
    }

    private static void header(ConsumerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Records every command sent and waited for; unknown tickets answer as Axon does, {@code failing} as a bug would. */
    private static final class RecordingCommandGateway implements CommandGateway {

        final List<RecordDownstreamProgress> sent = new ArrayList<>();
        final Set<String> unknownTickets = new HashSet<>();
        boolean failing;

        @Override
        @SuppressWarnings("unchecked")
        public <R> R sendAndWait(Object command) {
            RecordDownstreamProgress progress = (RecordDownstreamProgress) command;
            sent.add(progress);
            if (failing) {
                throw new IllegalStateException("a bug");
            }
            if (unknownTickets.contains(progress.ticketId())) {
                throw new AggregateNotFoundException(progress.ticketId(), "no ticket " + progress.ticketId());
            }
            return null;
        }

        @Override
        public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <R> CompletableFuture<R> send(Object command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
            throw new UnsupportedOperationException();
        }
    }
}
