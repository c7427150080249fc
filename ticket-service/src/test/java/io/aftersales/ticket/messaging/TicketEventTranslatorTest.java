package io.aftersales.ticket.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersales.contracts.ContractResources;
import io.aftersales.platform.messaging.IntegrationJson;
import io.aftersales.platform.messaging.OutgoingEvent;
import io.aftersales.testing.ContractSchemas;
import io.aftersales.ticket.api.AgreementSource;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.DeclineReason;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.DownstreamProgressRecorded;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.EvidenceAttached;
import io.aftersales.ticket.api.EvidenceRequested;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OfferRefused;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.ReplyRecorded;
import io.aftersales.ticket.api.ResolutionAgreed;
import io.aftersales.ticket.api.ResolutionApproved;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.ResolutionProposed;
import io.aftersales.ticket.api.ResolutionRejected;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.ResponsibilityDecided;
import io.aftersales.ticket.api.SatisfactionRecorded;
import io.aftersales.ticket.api.TicketAssigned;
import io.aftersales.ticket.api.TicketCancelled;
import io.aftersales.ticket.api.SlaBreached;
import io.aftersales.ticket.api.SlaWarned;
import io.aftersales.ticket.api.ClockKind;
import io.aftersales.ticket.api.TicketClosed;
import io.aftersales.ticket.api.TicketEscalated;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketOutcome;
import io.aftersales.ticket.api.TicketReopened;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.TransactionExtensionRequested;
import io.aftersales.ticket.api.VerificationStep;
import io.aftersales.ticket.api.VerificationStepReached;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every published domain event becomes its contract, valid against its schema; the internal ones stay inside. */
class TicketEventTranslatorTest {

    private static final String TICKET = "0f6b3c52-8d1e-4a7b-9c3f-2e5d7a9b1c40";
    private static final String STORE = "tmall-hz-outdoor-flagship";
    private static final Instant AT = Instant.parse("2026-11-12T08:30:00Z");
    private static final Instant AT_NANOS = Instant.parse("2026-11-12T10:02:15.123456789Z");

    private final TicketEventTranslator translator = new TicketEventTranslator();

    private static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    private static final List<CompensationLine> LINES = List.of(
            new CompensationLine(CompensationLineType.GOODS, cny("259.00"), null),
            new CompensationLine(CompensationLineType.RETURN_SHIPPING, cny("12"), "seller at fault"),
            new CompensationLine(CompensationLineType.GOODWILL, cny("20.00"), "VIP"));

    private static final PolicyDecision DECISION = new PolicyDecision(PolicyOutcome.NEEDS_SUPERVISOR, List.of(
            new PolicyFinding("shipping-follows-responsibility", PolicyOutcome.WITHIN_LIMITS, null,
                    "The seller is responsible: the seller pays shipping both ways."),
            new PolicyFinding("goodwill-cap", PolicyOutcome.NEEDS_SUPERVISOR, cny("18.00"),
                    "Goodwill 20.00 is above 18.00: a supervisor approves it.")),
            Responsibility.SELLER, cny("291.00"), cny("0.00"));

    /** One domain event of each published type, optional fields set or null as a real ticket would have them. */
    static Stream<Object> publishedEvents() {
        return Stream.of(
                new TicketOpened(TICKET, STORE, Platform.TMALL, "3912847561203948571", null, "tb_buyer_7741", true,
                        "JK2611-NAVY-L", "JK2611", "B2026-11-A", 1, cny("259.00"), null, Category.QUALITY,
                        "COLOUR_FADING", Responsibility.SELLER, "faded after one wash",
                        List.of(new Evidence("PHOTO", "evidence/tb_buyer_7741/1.jpg")), "PLATFORM_CHAT", "system", AT),
                new DefectReported(TICKET, STORE, Platform.TMALL, "tb_buyer_7741", "JK2611-NAVY-L", null, null,
                        Category.QUALITY, "COLOUR_FADING", 1, List.of(), "system", AT),
                new TicketAssigned(TICKET, STORE, "agent-0042", null, true, "agent-0042", AT),
                new TicketAssigned(TICKET, STORE, "agent-0043", "agent-0042", false, "supervisor-007", AT),
                new ReplyRecorded(TICKET, STORE, ReplyChannel.WECHAT, "Dear buyer, we are sorry ...", true,
                        "agent-0042", AT),
                new TicketEscalated(TICKET, STORE, "Buyer refused the offer", "agent-0042", AT),
                new ResolutionProposed(TICKET, STORE, 1,
                        new Proposal(ResolutionKind.RETURN_AND_REFUND, LINES, null, null, "internal note"),
                        DECISION, "agent-0042", AT),
                new ResolutionProposed(TICKET, STORE, 2,
                        new Proposal(ResolutionKind.DECLINE, List.of(), DeclineReason.USED, null, null),
                        new PolicyDecision(PolicyOutcome.WITHIN_LIMITS, List.of(), null, cny("0"), cny("0")),
                        "agent-0042", AT),
                new ResolutionApproved(TICKET, STORE, 1, null, "supervisor-007", AT),
                new ResolutionRejected(TICKET, STORE, 2, "Offer an exchange first", "supervisor-007", AT),
                agreed(ResolutionKind.RETURN_AND_REFUND, Responsibility.SELLER,
                        EnumSet.of(DownstreamPart.REFUND_PAID)),
                agreed(ResolutionKind.RESHIP, null,
                        EnumSet.of(DownstreamPart.REPLACEMENT_SHIPPED, DownstreamPart.CLAIM_OPENED)),
                new TransactionExtensionRequested(TICKET, STORE, Platform.TMALL, "3912847561203948571", 1, 10,
                        "system", AT),
                new TicketResolved(TICKET, STORE, 1, ResolutionKind.RETURN_AND_REFUND, AT_NANOS),
                new TicketClosed(TICKET, STORE, TicketOutcome.RESOLVED, ResolutionKind.RETURN_AND_REFUND, true, true,
                        "system", AT),
                new TicketClosed(TICKET, STORE, TicketOutcome.ANSWERED, null, false, false, "agent-0042", AT),
                new SatisfactionRecorded(TICKET, STORE, 5, "very quick, thank you", "system", AT),
                new TicketReopened(TICKET, STORE, "Refund still pending", "agent-0042", AT),
                new TicketCancelled(TICKET, STORE, CancelReason.DUPLICATE, "5b2e9d17", "agent-0042", AT),
                new TicketCancelled(TICKET, STORE, CancelReason.BUYER_WITHDREW, null, "system", AT),
                new SlaWarned(TICKET, STORE, ClockKind.FIRST_REPLY, 1, Duration.ofMinutes(5),
                        Duration.ofMinutes(4).plusMillis(1), AT.plusSeconds(60), AT_NANOS),
                new SlaBreached(TICKET, STORE, ClockKind.RESOLUTION, 2, Duration.ofHours(48), AT, AT_NANOS));
    }

    private static ResolutionAgreed agreed(ResolutionKind kind, Responsibility responsibility,
                                           Set<DownstreamPart> awaiting) {
        return new ResolutionAgreed(TICKET, STORE, Platform.TMALL, "3912847561203948571", "tb_buyer_7741",
                "JK2611-NAVY-L", null, null, 1, cny("259.00"), 1, 1, kind, LINES, cny("291.00"), cny("0.00"),
                responsibility, responsibility, true, awaiting, AgreementSource.PLATFORM, "system", AT_NANOS);
    }

    static Stream<Object> internalEvents() {
        return Stream.of(
                new RemarkAdded(TICKET, "buyer sounded angry", true, "agent-0042", AT),
                new EvidenceRequested(TICKET, "two photos of the fading", "agent-0042", AT),
                new EvidenceAttached(TICKET, "tb_buyer_7741", List.of(new Evidence("PHOTO", "p/1.jpg")), "system", AT),
                new VerificationStepReached(TICKET, VerificationStep.VERIFIED, "photos show fading", "agent-0042", AT),
                new ResponsibilityDecided(TICKET, Responsibility.SELLER, null, "photos", "agent-0042", AT),
                new OfferRefused(TICKET, 1, "wants a full refund", "agent-0042", AT),
                new DownstreamProgressRecorded(TICKET, 1, DownstreamPart.REFUND_PAID, "rf-1", AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedEvents")
    void every_published_domain_event_becomes_a_contract_valid_against_its_schema_keyed_by_the_ticket(Object domainEvent)
            throws Exception {
        OutgoingEvent out = translator.translate(domainEvent).orElseThrow();
        byte[] json = IntegrationJson.mapper().writeValueAsBytes(out.data());

        assertThat(ContractSchemas.violations(out.type(), json)).isEmpty();
        assertThat(out.key()).isEqualTo(TICKET);
        assertThat(ContractResources.knownTypes().get(out.type())).isEqualTo(out.data().getClass());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("internalEvents")
    void internal_domain_events_are_not_published(Object domainEvent) {
        assertThat(translator.translate(domainEvent)).isEmpty();
    }

    @Test
    void every_published_ticket_type_is_produced_and_has_a_sample_and_an_asyncapi_message() {
        Set<String> translated = publishedEvents().map(e -> translator.translate(e).orElseThrow().type())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> ticketTypes = ContractResources.knownTypes().keySet().stream()
                .filter(type -> type.startsWith("aftersales.ticket.")).collect(Collectors.toCollection(TreeSet::new));
        String asyncApi = resource(ContractResources.ASYNCAPI_RESOURCE);

        assertThat(translated).isEqualTo(ticketTypes);
        for (String type : translated) {
            assertThat(ContractResources.sample(type)).as(type).isNotBlank();
            assertThat(asyncApi).as(type).contains("const: " + type + "\n");
        }
    }

    @Test
    void a_warning_names_the_clock_its_target_and_what_is_used_in_iso_durations_and_escalates_to_supervisors() {
        OutgoingEvent out = translator.translate(new SlaWarned(TICKET, STORE, ClockKind.FIRST_REPLY, 1,
                Duration.ofMinutes(5), Duration.ofMinutes(4), AT.plusSeconds(60), AT)).orElseThrow();

        assertThat(out.type()).isEqualTo("aftersales.ticket.sla-warning.v1");
        assertThat(out.data()).isEqualTo(new io.aftersales.contracts.tickets.v1.SlaWarning(TICKET, STORE,
                "FIRST_REPLY", 1, "PT5M", "PT4M", AT.plusSeconds(60), "SUPERVISORS", AT));
    }

    @Test
    void a_reply_is_published_without_its_text() {
        JsonNode json = publish(new ReplyRecorded(TICKET, STORE, ReplyChannel.PHONE, "the buyer's words", false,
                "agent-0042", AT));

        assertThat(json.toString()).doesNotContain("the buyer's words");
        assertThat(json.get("channel").asText()).isEqualTo("PHONE");
        assertThat(json.get("firstReply").asBoolean()).isFalse();
    }

    @Test
    void the_satisfaction_comment_is_not_published_and_closing_carries_no_score_yet() {
        JsonNode recorded = publish(new SatisfactionRecorded(TICKET, STORE, 2, "the buyer's comment", "system", AT));
        JsonNode closed = publish(new TicketClosed(TICKET, STORE, TicketOutcome.RESOLVED, ResolutionKind.EXCHANGE,
                true, true, "system", AT));

        assertThat(recorded.toString()).doesNotContain("the buyer's comment");
        assertThat(recorded.get("score").asInt()).isEqualTo(2);
        assertThat(closed.get("satisfaction").isNull()).isTrue();
        assertThat(closed.get("resolutionKind").asText()).isEqualTo("EXCHANGE");
    }

    @Test
    void the_agreed_resolution_carries_money_as_plain_strings_goods_coming_back_and_the_sorted_awaited_parts() {
        JsonNode exchange = publish(agreed(ResolutionKind.EXCHANGE, Responsibility.BUYER,
                EnumSet.of(DownstreamPart.REPLACEMENT_SHIPPED, DownstreamPart.RETURN_RECEIVED)));
        JsonNode reship = publish(agreed(ResolutionKind.RESHIP, Responsibility.COURIER, EnumSet.noneOf(DownstreamPart.class)));

        assertThat(exchange.get("goodsComeBack").asBoolean()).isTrue();
        assertThat(reship.get("goodsComeBack").asBoolean()).isFalse();
        assertThat(exchange.get("awaiting").toString()).isEqualTo("[\"RETURN_RECEIVED\",\"REPLACEMENT_SHIPPED\"]");
        assertThat(exchange.at("/lines/1/amount/amount").asText()).isEqualTo("12");
        assertThat(exchange.at("/refundAmount").toString()).isEqualTo("{\"amount\":\"291.00\",\"currency\":\"CNY\"}");
        assertThat(exchange.get("resolutionNumber").asInt()).isEqualTo(1);
        assertThat(exchange.get("responsibility").asText()).isEqualTo("BUYER");
        assertThat(exchange.get("agreedAt").asText()).isEqualTo("2026-11-12T10:02:15.123456789Z");
    }

    @Test
    void a_proposal_publishes_the_policy_decision_with_every_finding() {
        JsonNode proposed = publish(new ResolutionProposed(TICKET, STORE, 1,
                new Proposal(ResolutionKind.RETURN_AND_REFUND, LINES, null, null, "internal note"), DECISION,
                "agent-0042", AT));

        assertThat(proposed.at("/decision/outcome").asText()).isEqualTo("NEEDS_SUPERVISOR");
        assertThat(proposed.at("/decision/findings/1/rule").asText()).isEqualTo("goodwill-cap");
        assertThat(proposed.at("/decision/findings/1/limit/amount").asText()).isEqualTo("18.00");
        assertThat(proposed.at("/decision/findings/0/limit").isNull()).isTrue();
        assertThat(proposed.at("/decision/shippingPaidBy").asText()).isEqualTo("SELLER");
        assertThat(proposed.toString()).doesNotContain("internal note");
    }

    private JsonNode publish(Object domainEvent) {
        return IntegrationJson.mapper().valueToTree(translator.translate(domainEvent).orElseThrow().data());
    }

    private static String resource(String name) {
        try (InputStream in = ContractResources.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
