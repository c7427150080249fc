package io.aftersales.feedback.command;

import io.aftersales.feedback.api.DefectRule;
import io.aftersales.feedback.api.ProductBatchIds;
import io.aftersales.feedback.api.CountDefectReport;
import io.aftersales.feedback.api.DefectAddedToIncident;
import io.aftersales.feedback.api.DefectReportCounted;
import io.aftersales.feedback.api.DelistingAlreadyRelisted;
import io.aftersales.feedback.api.DelistingNotFound;
import io.aftersales.feedback.api.ProductDelisted;
import io.aftersales.feedback.api.ProductRelisted;
import io.aftersales.feedback.api.ProductionAlertRaised;
import io.aftersales.feedback.api.RelistProduct;
import io.aftersales.feedback.api.ReportOutcome;
import io.aftersales.feedback.api.DefectReport;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The batch-defect rule, given/when/then on one product batch. */
class ProductBatchTest {

    private static final String PRODUCT = "JK2611";
    private static final String BATCH = "B2026-11-A";
    private static final String ID = ProductBatchIds.of(PRODUCT, BATCH);
    private static final String FIRST_INCIDENT = ProductBatchIds.incident(ID, 1);
    private static final Instant T0 = Instant.parse("2026-11-12T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-12T20:00:00Z");

    private AggregateTestFixture<ProductBatch> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixtureWith(DefectRules.defaults());
    }

    private static AggregateTestFixture<ProductBatch> fixtureWith(DefectRules rules) {
        AggregateTestFixture<ProductBatch> fixture = new AggregateTestFixture<>(ProductBatch.class);
        fixture.registerInjectableResource(rules);
        return fixture;
    }

    @Test
    void four_distinct_buyers_within_the_window_raise_nothing() {
        fixture.given(counted(1), counted(2), counted(3))
                .when(report(4))
                .expectEvents(counted(4))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
    }

    @Test
    void the_fifth_distinct_buyer_delists_the_product_and_raises_one_alert() {
        ResultValidator<ProductBatch> result = fixture.given(counted(1), counted(2), counted(3), counted(4))
                .when(report(5))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);

        List<Object> events = payloads(result);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo(counted(5));
        ProductDelisted delisted = (ProductDelisted) events.get(1);
        assertThat(delisted.incidentId()).isEqualTo(FIRST_INCIDENT);
        assertThat(delisted.product()).isEqualTo(PRODUCT);
        assertThat(delisted.batch()).isEqualTo(BATCH);
        assertThat(delisted.skus()).containsExactly("JK2611-NAVY-L", "JK2611-RED-M");
        assertThat(delisted.storeIds()).containsExactly("jd-outdoor", "tmall-flagship");
        assertThat(delisted.rule()).isEqualTo("default");
        assertThat(delisted.reason()).contains("5 distinct buyers").contains(BATCH);
        assertThat(delisted.crossingTicketId()).isEqualTo("ticket-5");
        assertThat(delisted.crossingReportedAt()).isEqualTo(at(5));
        assertThat(delisted.delistedBy()).isEqualTo("system");
        assertThat(delisted.delistedAt()).isEqualTo(NOW);
        ProductionAlertRaised alert = (ProductionAlertRaised) events.get(2);
        assertThat(alert.incidentId()).isEqualTo(FIRST_INCIDENT);
        assertThat(alert.ticketIds()).containsExactly("ticket-1", "ticket-2", "ticket-3", "ticket-4", "ticket-5");
        assertThat(alert.distinctBuyers()).isEqualTo(5);
        assertThat(alert.countsByDefectType()).containsExactly(Map.entry("COLOUR_FADING", 4), Map.entry("LOOSE_THREADS", 1));
        assertThat(alert.firstReportedAt()).isEqualTo(at(1));
        assertThat(alert.lastReportedAt()).isEqualTo(at(5));
    }

    @Test
    void the_same_buyer_reporting_five_times_raises_nothing() {
        fixture.given(counted("ticket-1", "buyer-1", BATCH, "COLOUR_FADING", at(1), false),
                        counted("ticket-2", "buyer-1", BATCH, "COLOUR_FADING", at(2), true),
                        counted("ticket-3", "buyer-1", BATCH, "COLOUR_FADING", at(3), true),
                        counted("ticket-4", "buyer-1", BATCH, "COLOUR_FADING", at(4), true))
                .when(report("ticket-5", "buyer-1", BATCH, "COLOUR_FADING", at(5)))
                .expectEvents(counted("ticket-5", "buyer-1", BATCH, "COLOUR_FADING", at(5), true))
                .expectResultMessagePayload(ReportOutcome.REPEAT_BUYER);
    }

    @Test
    void five_buyers_across_two_batches_raise_nothing() {
        // through a command bus, addressed the way the listener addresses them: were the batches pooled
        // into one product batch, the fifth buyer would raise an incident
        try (ProductBatches batches = new ProductBatches(DefectRules.defaults())) {
            for (int i = 1; i <= 4; i++) {
                assertThat(batches.report(report(i))).isEqualTo(ReportOutcome.COUNTED);
            }
            CountDefectReport fifthOnOtherBatch = report("ticket-5", "buyer-5", "B2026-11-B", "COLOUR_FADING", at(5));

            assertThat(batches.report(fifthOnOtherBatch)).isEqualTo(ReportOutcome.COUNTED);
            assertThat(batches.events(ID)).noneMatch(ProductDelisted.class::isInstance);
            assertThat(batches.events(fifthOnOtherBatch.productBatchId())).noneMatch(ProductDelisted.class::isInstance);
        }
    }

    @Test
    void reports_outside_the_window_do_not_count() {
        Instant fourDaysLater = T0.plus(Duration.ofDays(4));
        fixture.given(counted(1), counted(2), counted(3), counted(4))
                .when(report("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", fourDaysLater))
                .expectEvents(counted("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", fourDaysLater, false))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
    }

    @Test
    void a_late_report_that_completes_a_window_in_report_time_still_raises_the_incident() {
        Instant earlier = T0.minus(Duration.ofHours(60));
        fixture.given(counted(1), counted(2), counted(3), counted(4))
                .when(report("ticket-0", "buyer-0", BATCH, "COLOUR_FADING", earlier))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void the_window_is_measured_on_report_time_so_five_reports_spanning_exactly_72_hours_raise_the_incident() {
        Instant edge = at(1).plus(Duration.ofHours(72));
        fixture.given(counted(1), counted(2), counted(3), counted(4))
                .when(report("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", edge))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void a_sixth_report_is_added_to_the_open_incident_and_raises_no_new_alert() {
        fixture.given(incidentOfFive())
                .when(report(6))
                .expectEvents(counted(6), new DefectAddedToIncident(ID, FIRST_INCIDENT, PRODUCT, BATCH, reported(6),
                        6, 6, "system", NOW))
                .expectResultMessagePayload(ReportOutcome.ADDED_TO_INCIDENT);
    }

    @Test
    void the_same_ticket_delivered_twice_counts_once() {
        fixture.given(counted(1), counted(2))
                .when(report(2))
                .expectNoEvents()
                .expectResultMessagePayload(ReportOutcome.DUPLICATE);
    }

    @Test
    void a_ticket_already_in_the_open_incident_is_not_added_again() {
        fixture.given(incidentOfFive())
                .when(report(3))
                .expectNoEvents()
                .expectResultMessagePayload(ReportOutcome.DUPLICATE);
    }

    @Test
    void reports_without_a_batch_are_counted_but_never_raise_an_incident() {
        String unknown = ProductBatchIds.of(PRODUCT, null);
        List<Object> given = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            given.add(countedOn(unknown, null, "ticket-" + i, "buyer-" + i));
        }
        fixture.given(given)
                .when(reportOn(unknown, null, "ticket-10", "buyer-10"))
                .expectEvents(countedOn(unknown, null, "ticket-10", "buyer-10"))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
        assertThat(unknown).isEqualTo("JK2611/~");
    }

    @Test
    void qa_relists_the_product_and_the_incident_closes() {
        fixture.given(incidentOfFive())
                .when(new RelistProduct(ID, FIRST_INCIDENT, "Re-inspected, fading test passed", "qa-lin", NOW))
                .expectEvents(new ProductRelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, "Re-inspected, fading test passed",
                        "qa-lin", NOW));
    }

    @Test
    void after_relisting_a_new_burst_opens_a_new_incident() {
        Instant relistedAt = at(5).plus(Duration.ofHours(1));
        List<Object> given = new ArrayList<>(incidentOfFive());
        given.add(new ProductRelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, "ok", "qa-lin", relistedAt));
        for (int i = 11; i <= 14; i++) {
            given.add(counted("ticket-" + i, "buyer-" + i, BATCH, "COLOUR_FADING", relistedAt.plusSeconds(i), false));
        }
        ResultValidator<ProductBatch> result = fixture.given(given)
                .when(report("ticket-15", "buyer-15", BATCH, "COLOUR_FADING", relistedAt.plusSeconds(15)))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);

        ProductDelisted second = (ProductDelisted) payloads(result).get(1);
        assertThat(second.incidentId()).isEqualTo(ProductBatchIds.incident(ID, 2)).isNotEqualTo(FIRST_INCIDENT);
        assertThat(((ProductionAlertRaised) payloads(result).get(2)).ticketIds())
                .containsExactly("ticket-11", "ticket-12", "ticket-13", "ticket-14", "ticket-15");
    }

    @Test
    void after_relisting_the_old_incident_reports_do_not_count_toward_a_new_one() {
        Instant relistedAt = at(5).plus(Duration.ofHours(1));
        List<Object> given = new ArrayList<>(incidentOfFive());
        given.add(new ProductRelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, "ok", "qa-lin", relistedAt));
        for (int i = 11; i <= 13; i++) {
            given.add(counted("ticket-" + i, "buyer-" + i, BATCH, "COLOUR_FADING", relistedAt.plusSeconds(i), false));
        }
        fixture.given(given)
                .when(report("ticket-1x", "buyer-1", BATCH, "COLOUR_FADING", relistedAt.plusSeconds(20)))
                .expectResultMessagePayload(ReportOutcome.REPEAT_BUYER);
    }

    @Test
    void a_report_made_before_the_relisting_but_arriving_after_it_does_not_start_a_new_incident() {
        Instant relistedAt = at(5).plus(Duration.ofHours(1));
        List<Object> given = new ArrayList<>(incidentOfFive());
        given.add(new ProductRelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, "ok", "qa-lin", relistedAt));
        for (int i = 11; i <= 14; i++) {
            given.add(counted("ticket-" + i, "buyer-" + i, BATCH, "COLOUR_FADING", relistedAt.plusSeconds(i), false));
        }
        fixture.given(given)
                .when(report("ticket-late", "buyer-late", BATCH, "COLOUR_FADING", relistedAt.minusSeconds(60)))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
    }

    @Test
    void relisting_an_incident_that_is_already_closed_is_refused() {
        List<Object> given = new ArrayList<>(incidentOfFive());
        given.add(new ProductRelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, "ok", "qa-lin", NOW));
        fixture.given(given)
                .when(new RelistProduct(ID, FIRST_INCIDENT, "again", "qa-wu", NOW))
                .expectException(DelistingAlreadyRelisted.class)
                .expectNoEvents();
    }

    @Test
    void relisting_an_incident_the_batch_never_had_is_refused() {
        fixture.given(incidentOfFive())
                .when(new RelistProduct(ID, ProductBatchIds.incident(ID, 7), "?", "qa-lin", NOW))
                .expectException(DelistingNotFound.class)
                .expectNoEvents();
    }

    @Test
    void a_rule_for_the_product_prefix_is_chosen_over_the_default() {
        fixtureWith(new DefectRules(List.of(
                new DefectRule("jackets", "JK", null, null, 3, Duration.ofHours(24))))).given(counted(1), counted(2))
                .when(report(3))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void a_rule_for_another_product_prefix_does_not_apply() {
        fixtureWith(new DefectRules(List.of(
                new DefectRule("shoes", "SH", null, null, 3, Duration.ofHours(24))))).given(counted(1), counted(2))
                .when(report(3))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
    }

    @Test
    void a_defect_type_rule_counts_only_reports_of_that_type() {
        DefectRules fadingRule = new DefectRules(List.of(
                new DefectRule("fading", null, null, "COLOUR_FADING", 3, Duration.ofHours(24))));
        // buyer 2 reported loose threads: with buyer 3, only two buyers report fading
        fixtureWith(fadingRule).given(counted(1), counted(2))
                .when(report(3))
                .expectResultMessagePayload(ReportOutcome.COUNTED);
        // buyer 4 is the third buyer reporting fading
        fixtureWith(fadingRule).given(counted(1), counted(2), counted(3))
                .when(report(4))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void the_most_specific_rule_wins_defect_type_then_category_then_longer_prefix() {
        DefectRules rules = new DefectRules(List.of(
                new DefectRule("jackets", "JK", null, null, 4, Duration.ofHours(48)),
                new DefectRule("jk26-jackets", "JK26", null, null, 3, Duration.ofHours(48)),
                new DefectRule("quality", null, "QUALITY", null, 6, Duration.ofHours(72)),
                new DefectRule("fading", null, null, "COLOUR_FADING", 3, Duration.ofHours(24))));

        assertThat(rules.ruleFor("JK2611", "QUALITY", "COLOUR_FADING").name()).isEqualTo("fading");
        assertThat(rules.ruleFor("JK2611", "QUALITY", "STAIN").name()).isEqualTo("quality");
        assertThat(rules.ruleFor("JK2611", "NOT_AS_DESCRIBED", "STAIN").name()).isEqualTo("jk26-jackets");
        assertThat(rules.ruleFor("JK1911", "NOT_AS_DESCRIBED", "STAIN").name()).isEqualTo("jackets");
        assertThat(rules.ruleFor("SH0101", "NOT_AS_DESCRIBED", "STAIN").name()).isEqualTo("default");
        assertThat(rules.all()).extracting(DefectRule::name)
                .containsExactly("fading", "quality", "jk26-jackets", "jackets", "default");
    }

    /** Two rules on one batch: the default rule and a stricter one for loose threads (3 buyers within 24 hours). */
    private static final DefectRules DEFAULT_AND_LOOSE_THREADS = new DefectRules(List.of(
            new DefectRule("loose-threads", null, null, "LOOSE_THREADS", 3, Duration.ofHours(24))));

    @Test
    void four_fading_reports_then_one_of_loose_threads_cross_the_default_rule() {
        // before the fix only the newest report's rule (loose threads: 1 buyer) was evaluated
        ResultValidator<ProductBatch> result = fixtureWith(DEFAULT_AND_LOOSE_THREADS)
                .given(counted("ticket-1", "buyer-1", BATCH, "COLOUR_FADING", at(1), false),
                        counted("ticket-3", "buyer-3", BATCH, "COLOUR_FADING", at(3), false),
                        counted("ticket-4", "buyer-4", BATCH, "COLOUR_FADING", at(4), false),
                        counted("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", at(5), false))
                .when(report("ticket-2", "buyer-2", BATCH, "LOOSE_THREADS", at(2)))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);

        assertThat(payloads(result)).filteredOn(ProductDelisted.class::isInstance).singleElement()
                .satisfies(delisted -> assertThat(((ProductDelisted) delisted).rule()).isEqualTo("default"));
    }

    @Test
    void one_loose_threads_report_then_four_fading_cross_the_default_rule_too() {
        fixtureWith(DEFAULT_AND_LOOSE_THREADS)
                .given(counted("ticket-2", "buyer-2", BATCH, "LOOSE_THREADS", at(2), false),
                        counted("ticket-1", "buyer-1", BATCH, "COLOUR_FADING", at(1), false),
                        counted("ticket-3", "buyer-3", BATCH, "COLOUR_FADING", at(3), false),
                        counted("ticket-4", "buyer-4", BATCH, "COLOUR_FADING", at(4), false))
                .when(report("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", at(5)))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void the_stricter_rule_still_raises_on_its_own_when_its_buyers_are_enough() {
        fixtureWith(DEFAULT_AND_LOOSE_THREADS)
                .given(counted("ticket-1", "buyer-1", BATCH, "LOOSE_THREADS", at(1), false),
                        counted("ticket-2", "buyer-2", BATCH, "LOOSE_THREADS", at(2), false))
                .when(report("ticket-3", "buyer-3", BATCH, "LOOSE_THREADS", at(3)))
                .expectResultMessagePayload(ReportOutcome.INCIDENT_RAISED);
    }

    @Test
    void every_order_of_the_same_reports_reaches_the_same_decision() {
        // a set that crosses only the default rule (ticket 6 comes days later: evidence or added, by order),
        // and one that crosses nothing (four buyers in the window, one of them twice)
        List<CountDefectReport> crossing = List.of(
                report("ticket-1", "buyer-1", BATCH, "COLOUR_FADING", at(1)),
                report("ticket-2", "buyer-2", BATCH, "LOOSE_THREADS", at(2)),
                report("ticket-3", "buyer-3", BATCH, "COLOUR_FADING", at(3)),
                report("ticket-4", "buyer-4", BATCH, "LOOSE_THREADS", at(4)),
                report("ticket-5", "buyer-5", BATCH, "COLOUR_FADING", at(5)),
                report("ticket-6", "buyer-6", BATCH, "COLOUR_FADING", at(100)));
        List<CountDefectReport> notCrossing = List.of(
                report("ticket-1", "buyer-1", BATCH, "COLOUR_FADING", at(1)),
                report("ticket-2", "buyer-2", BATCH, "LOOSE_THREADS", at(2)),
                report("ticket-3", "buyer-3", BATCH, "COLOUR_FADING", at(3)),
                report("ticket-4", "buyer-4", BATCH, "LOOSE_THREADS", at(4)),
                report("ticket-5", "buyer-1", BATCH, "COLOUR_FADING", at(5)),
                report("ticket-6", "buyer-6", BATCH, "COLOUR_FADING", at(100)));
        try (ProductBatches batches = new ProductBatches(DEFAULT_AND_LOOSE_THREADS)) {
            int permutation = 0;
            for (List<CountDefectReport> order : permutations(crossing)) {
                String batch = "P" + permutation++;
                List<Object> events = batches.reportAll(order.stream().map(r -> onBatch(r, batch)).toList());
                assertThat(events).as("order %s", tickets(order)).filteredOn(ProductDelisted.class::isInstance).hasSize(1);
                assertThat(ticketsOfIncident(events)).as("order %s", tickets(order))
                        .contains("ticket-1", "ticket-2", "ticket-3", "ticket-4", "ticket-5");
            }
            for (List<CountDefectReport> order : permutations(notCrossing)) {
                String batch = "P" + permutation++;
                List<Object> events = batches.reportAll(order.stream().map(r -> onBatch(r, batch)).toList());
                assertThat(events).as("order %s", tickets(order)).noneMatch(ProductDelisted.class::isInstance);
            }
        }
    }

    private static CountDefectReport onBatch(CountDefectReport r, String batch) {
        return new CountDefectReport(ProductBatchIds.of(r.product(), batch), r.product(), batch, r.ticketId(),
                r.buyerId(), r.storeId(), r.platform(), r.sku(), r.category(), r.defectType(), r.reportedAt(),
                r.receivedAt());
    }

    private static List<String> tickets(List<CountDefectReport> order) {
        return order.stream().map(CountDefectReport::ticketId).toList();
    }

    private static List<String> ticketsOfIncident(List<Object> events) {
        List<String> tickets = new ArrayList<>();
        for (Object event : events) {
            if (event instanceof ProductionAlertRaised alert) {
                alert.evidence().forEach(r -> tickets.add(r.ticketId()));
            } else if (event instanceof DefectAddedToIncident added) {
                tickets.add(added.report().ticketId());
            }
        }
        return tickets;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    private static List<Object> incidentOfFive() {
        List<DefectReport> evidence = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            evidence.add(reported(i));
        }
        return List.of(counted(1), counted(2), counted(3), counted(4), counted(5),
                new ProductDelisted(ID, FIRST_INCIDENT, PRODUCT, BATCH, List.of("JK2611-NAVY-L", "JK2611-RED-M"),
                        List.of("jd-outdoor", "tmall-flagship"), "default", "5 distinct buyers", "ticket-5", at(5),
                        "system", NOW),
                new ProductionAlertRaised(ID, FIRST_INCIDENT, PRODUCT, BATCH, "default", evidence, "system", NOW));
    }

    private static List<Object> payloads(ResultValidator<ProductBatch> result) {
        List<Object> events = new ArrayList<>();
        result.expectEventsMatching(new org.hamcrest.CustomTypeSafeMatcher<List<EventMessage<?>>>("the published events") {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> published) {
                events.clear();
                published.forEach(event -> events.add(event.getPayload()));
                return true;
            }
        });
        return events;
    }

    private static Instant at(int i) {
        return T0.plus(Duration.ofHours(i));
    }

    /** Buyer i reports ticket i; buyer 2 reports loose threads from JD, the others colour fading on Tmall. */
    private static CountDefectReport report(int i) {
        return report("ticket-" + i, "buyer-" + i, BATCH, defectOf(i), at(i));
    }

    private static CountDefectReport report(String ticket, String buyer, String batch, String defectType, Instant at) {
        return new CountDefectReport(ProductBatchIds.of(PRODUCT, batch), PRODUCT, batch, ticket, buyer, storeOf(ticket),
                "TMALL", skuOf(ticket), "QUALITY", defectType, at, NOW);
    }

    private static CountDefectReport reportOn(String id, String batch, String ticket, String buyer) {
        return new CountDefectReport(id, PRODUCT, batch, ticket, buyer, "tmall-flagship", "TMALL", "JK2611-RED-M",
                "QUALITY", "COLOUR_FADING", T0, NOW);
    }

    private static DefectReportCounted countedOn(String id, String batch, String ticket, String buyer) {
        return new DefectReportCounted(id, PRODUCT, batch, ticket, buyer, "tmall-flagship", "TMALL", "JK2611-RED-M",
                "QUALITY", "COLOUR_FADING", T0, false, "system", NOW);
    }

    private static DefectReportCounted counted(int i) {
        return counted("ticket-" + i, "buyer-" + i, BATCH, defectOf(i), at(i), false);
    }

    private static DefectReportCounted counted(String ticket, String buyer, String batch, String defectType, Instant at,
                                               boolean repeatBuyer) {
        return new DefectReportCounted(ProductBatchIds.of(PRODUCT, batch), PRODUCT, batch, ticket, buyer,
                storeOf(ticket), "TMALL", skuOf(ticket), "QUALITY", defectType, at, repeatBuyer, "system", NOW);
    }

    private static DefectReport reported(int i) {
        String ticket = "ticket-" + i;
        return new DefectReport(ticket, "buyer-" + i, storeOf(ticket), skuOf(ticket), "QUALITY", defectOf(i), at(i));
    }

    private static String defectOf(int i) {
        return i == 2 ? "LOOSE_THREADS" : "COLOUR_FADING";
    }

    private static String storeOf(String ticket) {
        return ticket.equals("ticket-2") ? "jd-outdoor" : "tmall-flagship";
    }

    private static String skuOf(String ticket) {
        return ticket.equals("ticket-2") ? "JK2611-NAVY-L" : "JK2611-RED-M";
    }
}
