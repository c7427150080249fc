package io.aftersales.ticket.command;

import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.AddRemark;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.ConfirmBatchDefect;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.DefectReported;
import io.aftersales.ticket.api.Evidence;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.OpenTicket;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.Responsibility;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.ticket.api.TicketRuleViolation;
import io.aftersales.ticket.api.TicketIds;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TicketTest {

    private static final String TICKET = "ticket-1";
    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final List<Evidence> PHOTOS = List.of(new Evidence("PHOTO", "buyer-42/2026-11-23-1.jpg"));

    private AggregateTestFixture<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
        fixture.registerAnnotatedCommandHandler(new TicketIntake(fixture.getRepository(), BatchIntakes.NONE,
                StorePolicies.DEFAULTS));
    }

    @Test
    void quality_ticket_is_opened_and_reports_a_defect_on_its_product_and_batch() {
        fixture.givenNoPriorActivity()
                .when(open(Category.QUALITY, "COLOUR_FADING"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER),
                        new DefectReported(TICKET, "tmall-flagship", Platform.TMALL, "buyer-42", "JK2611-RED-M",
                                "JK2611", "B2026-11-A", Category.QUALITY, "COLOUR_FADING", 1, PHOTOS, "agent-7", NOW));
    }

    @Test
    void a_ticket_on_a_batch_qa_confirmed_defective_is_opened_already_marked_in_the_same_commit() {
        fixture.givenNoPriorActivity()
                .when(open(Category.QUALITY, "COLOUR_FADING").onConfirmedBatchDefect("inc-1"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(opened(Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER),
                        new DefectReported(TICKET, "tmall-flagship", Platform.TMALL, "buyer-42", "JK2611-RED-M",
                                "JK2611", "B2026-11-A", Category.QUALITY, "COLOUR_FADING", 1, PHOTOS, "agent-7", NOW),
                        new BatchDefectConfirmed(TICKET, "inc-1", "JK2611", "B2026-11-A", "system", NOW));
    }

    @Test
    void the_view_intake_answers_with_is_folded_from_the_same_events_the_ticket_records() {
        OpenTicket command = open(Category.QUALITY, "COLOUR_FADING").onConfirmedBatchDefect("inc-1");

        var view = io.aftersales.ticket.query.TicketQueries.fold(Ticket.openingEvents(command));

        org.assertj.core.api.Assertions.assertThat(view.version()).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThat(view.defectReported()).isTrue();
        org.assertj.core.api.Assertions.assertThat(view.batchDefect().incidentId()).isEqualTo("inc-1");
    }

    @Test
    void not_as_described_with_a_defect_type_reports_a_defect() {
        fixture.givenNoPriorActivity()
                .when(open(Category.NOT_AS_DESCRIBED, "SIZE_OFF_BY_4CM"))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(TicketOpened.class)),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(DefectReported.class))));
    }

    @Test
    void not_as_described_without_a_defect_type_reports_no_defect() {
        fixture.givenNoPriorActivity()
                .when(open(Category.NOT_AS_DESCRIBED, null))
                .expectEvents(opened(Category.NOT_AS_DESCRIBED, null, Responsibility.SELLER));
    }

    @Test
    void changed_mind_ticket_reports_no_defect_and_presumes_the_buyer_responsible() {
        fixture.givenNoPriorActivity()
                .when(open(Category.CHANGED_MIND, null))
                .expectEvents(opened(Category.CHANGED_MIND, null, Responsibility.BUYER));
    }

    @Test
    void lost_parcel_presumes_the_courier_responsible() {
        fixture.givenNoPriorActivity()
                .when(open(Category.LOGISTICS, null))
                .expectEvents(opened(Category.LOGISTICS, null, Responsibility.COURIER));
    }

    @Test
    void quality_complaint_without_a_defect_type_is_refused() {
        fixture.givenNoPriorActivity()
                .when(open(Category.QUALITY, " "))
                .expectException(TicketRuleViolation.class)
                .expectNoEvents()
                .expectException(org.hamcrest.Matchers.hasProperty("message",
                        org.hamcrest.Matchers.containsString("required")));
    }

    @Test
    void ticket_for_zero_items_is_refused() {
        OpenTicket zeroItems = withQuantity(open(Category.QUALITY, "STAIN"), 0);
        fixture.givenNoPriorActivity()
                .when(zeroItems)
                .expectException(TicketRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void remark_is_recorded_with_who_wrote_it_and_when() {
        fixture.given(opened(Category.QUALITY, "STAIN", Responsibility.SELLER))
                .when(new AddRemark(TICKET, "Buyer sent photos, stain confirmed", true, "agent-9", NOW, null))
                .expectEvents(new RemarkAdded(TICKET, "Buyer sent photos, stain confirmed", true, "agent-9", NOW));
    }

    @Test
    void blank_remark_is_refused() {
        fixture.given(opened(Category.QUALITY, "STAIN", Responsibility.SELLER))
                .when(new AddRemark(TICKET, "  ", false, "agent-9", NOW, null))
                .expectException(TicketRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void remark_written_against_an_outdated_version_is_refused() {
        fixture.given(opened(Category.QUALITY, "STAIN", Responsibility.SELLER),
                        new RemarkAdded(TICKET, "called the buyer", false, "agent-1", NOW))
                .when(new AddRemark(TICKET, "second agent, stale screen", false, "agent-2", NOW, 0L))
                .expectException(ConflictingAggregateVersionException.class)
                .expectNoEvents();
    }

    @Test
    void a_confirmed_batch_defect_is_recorded_on_a_ticket_of_that_product_and_batch() {
        fixture.given(opened(Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER))
                .when(new ConfirmBatchDefect(TICKET, "incident-1", "JK2611", "B2026-11-A", "system", NOW))
                .expectEvents(new BatchDefectConfirmed(TICKET, "incident-1", "JK2611", "B2026-11-A", "system", NOW));
    }

    @Test
    void the_same_batch_defect_confirmed_twice_is_recorded_once() {
        fixture.given(opened(Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER),
                        new BatchDefectConfirmed(TICKET, "incident-1", "JK2611", "B2026-11-A", "system", NOW))
                .when(new ConfirmBatchDefect(TICKET, "incident-1", "JK2611", "B2026-11-A", "system", NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_batch_defect_of_another_batch_is_refused() {
        fixture.given(opened(Category.QUALITY, "COLOUR_FADING", Responsibility.SELLER))
                .when(new ConfirmBatchDefect(TICKET, "incident-1", "JK2611", "B2026-10-Z", "system", NOW))
                .expectException(TicketRuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void a_case_synced_twice_from_its_platform_gets_the_same_ticket_id() {
        assertThat(TicketIds.forIntake(Platform.TMALL, "RF-889"))
                .isEqualTo(TicketIds.forIntake(Platform.TMALL, "RF-889"))
                .isNotEqualTo(TicketIds.forIntake(Platform.JD, "RF-889"));
        assertThat(TicketIds.forIntake(Platform.TMALL, null)).isNotEqualTo(TicketIds.forIntake(Platform.TMALL, null));
    }

    private static OpenTicket open(Category category, String defectType) {
        return new OpenTicket(TICKET, "tmall-flagship", Platform.TMALL, "order-1001", "RF-889", "buyer-42", true,
                "JK2611-RED-M", "JK2611", "B2026-11-A", 1, new Money(new BigDecimal("259.00"), "CNY"),
                Instant.parse("2026-11-21T09:00:00Z"), category, defectType, "colour runs after first wash", PHOTOS,
                "chat", "agent-7", NOW);
    }

    private static OpenTicket withQuantity(OpenTicket c, int quantity) {
        return new OpenTicket(c.ticketId(), c.storeId(), c.platform(), c.orderId(), c.externalId(), c.buyerId(), c.vip(),
                c.sku(), c.styleCode(), c.batch(), quantity, c.paidAmount(), c.signedAt(), c.category(), c.defectType(),
                c.description(), c.evidence(), c.channel(), c.actor(), c.requestedAt());
    }

    private static TicketOpened opened(Category category, String defectType, Responsibility responsibility) {
        return new TicketOpened(TICKET, "tmall-flagship", Platform.TMALL, "order-1001", "RF-889", "buyer-42", true,
                "JK2611-RED-M", "JK2611", "B2026-11-A", 1, new Money(new BigDecimal("259.00"), "CNY"),
                Instant.parse("2026-11-21T09:00:00Z"), category, defectType, responsibility,
                "colour runs after first wash", PHOTOS, "chat", "agent-7", NOW);
    }
}
