package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.DeclineReason;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.Responsibility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.aftersales.ticket.api.CompensationLineType.DEPRECIATION;
import static io.aftersales.ticket.api.CompensationLineType.GOODS;
import static io.aftersales.ticket.api.CompensationLineType.GOODWILL;
import static io.aftersales.ticket.api.CompensationLineType.PRICE_DIFFERENCE;
import static io.aftersales.ticket.api.CompensationLineType.RETURN_SHIPPING;
import static io.aftersales.ticket.api.PolicyOutcome.NEEDS_SUPERVISOR;
import static io.aftersales.ticket.api.PolicyOutcome.REFUSED;
import static io.aftersales.ticket.api.PolicyOutcome.WITHIN_LIMITS;
import static io.aftersales.ticket.api.ResolutionKind.DECLINE;
import static io.aftersales.ticket.api.ResolutionKind.EXCHANGE;
import static io.aftersales.ticket.api.ResolutionKind.PARTIAL_REFUND;
import static io.aftersales.ticket.api.ResolutionKind.REFUND_ONLY;
import static io.aftersales.ticket.api.ResolutionKind.RESHIP;
import static io.aftersales.ticket.api.ResolutionKind.RETURN_AND_REFUND;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the compensation policy, allowed and refused (and for a supervisor where that differs), with the
 * examples of domain.md. Each test: given the case, when the policy decides a proposal, then the outcome, the
 * rule's finding, its limit and an explanation that names the limit.
 */
class CompensationPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private static final CompensationLimits DEFAULTS = CompensationLimits.defaults();
    private static final boolean AGENT = false;
    private static final boolean SUPERVISOR = true;

    @Nested
    class RefundWithinPaid {

        @Test
        void the_whole_price_back_with_the_return_postage_on_top_is_within_what_was_paid() {
            // given a quality case paid 100.00, the seller at fault
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();
            // when the agent proposes the goods back and the buyer's return postage
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"),
                    line(RETURN_SHIPPING, "12.00")), facts, AGENT);
            // then the postage is outside the line's price
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "refund-within-paid", WITHIN_LIMITS, "100.00");
            assertThat(decision.refundAmount()).isEqualTo(cny("112.00"));
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("0.00"));
        }

        @Test
        void more_than_is_left_after_an_earlier_refund_is_refused_even_for_a_supervisor() {
            // given 100.00 paid and 30.00 already refunded on this ticket
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").refunded("30.00").build();
            // when a supervisor proposes 80.00 back
            PolicyDecision decision = decide(proposal(REFUND_ONLY, line(GOODS, "80.00")), facts, SUPERVISOR);
            // then nobody may: 70.00 is left
            assertThat(decision.outcome()).isEqualTo(REFUSED);
            assertFinding(decision, "refund-within-paid", REFUSED, "70.00");
        }

        @Test
        void what_is_left_exactly_is_allowed() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").refunded("30.00").build();

            PolicyDecision decision = decide(proposal(REFUND_ONLY, line(GOODS, "70.00")), facts, AGENT);

            assertFinding(decision, "refund-within-paid", WITHIN_LIMITS, "70.00");
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
        }

        @Test
        void goodwill_on_top_of_the_whole_price_is_refused() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"), line(GOODWILL, "5.00")),
                    facts, SUPERVISOR);

            assertFinding(decision, "refund-within-paid", REFUSED, "100.00");
        }
    }

    @Nested
    class DeepestDiscount {

        @Test
        void forty_percent_back_keeps_the_price_at_the_sixty_percent_floor() {
            // given 100.00 paid, the buyer keeps the goods
            CaseFacts facts = facts(Category.NOT_AS_DESCRIBED, Responsibility.SELLER).paid("100.00").build();
            // when 40.00 of price difference is given back
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(PRICE_DIFFERENCE, "40.00")), facts, AGENT);
            // then the price stays at 60%
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "deepest-discount", WITHIN_LIMITS, "40.00");
            assertThat(decision.refundAmount()).isEqualTo(cny("40.00"));
        }

        @Test
        void below_the_sixty_percent_floor_is_refused_for_a_supervisor_too() {
            // given 100.00 paid, the buyer keeps the goods
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();
            // when a supervisor offers 41.00 of goodwill
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "41.00")), facts, SUPERVISOR);
            // then the goodwill cap yields to the supervisor, the floor does not
            assertThat(decision.outcome()).isEqualTo(REFUSED);
            assertFinding(decision, "deepest-discount", REFUSED, "40.00");
            assertFinding(decision, "goodwill-cap", WITHIN_LIMITS, "29.00");
        }

        @Test
        void earlier_refunds_of_the_ticket_count_towards_the_floor() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").refunded("30.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "20.00")), facts, AGENT);

            PolicyFinding finding = assertFinding(decision, "deepest-discount", REFUSED, "40.00");
            assertThat(finding.explanation()).contains("50.00 CNY back", "30.00 CNY already refunded");
        }

        @Test
        void the_floor_is_rounded_in_the_buyers_price_favour() {
            // 40% of 99.99 is 39.996: at most 39.99 back, or the price would fall below 59.994
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("99.99").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(PRICE_DIFFERENCE, "40.00")), facts, AGENT);

            assertFinding(decision, "deepest-discount", REFUSED, "39.99");
        }
    }

    @Nested
    class GoodwillCap {

        @Test
        void postage_of_12_allows_an_offer_of_10() {
            // given a store whose round-trip postage is 12.00
            CompensationLimits limits = limits(new BigDecimal("12.00"));
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();
            // when the agent offers 10.00
            PolicyDecision decision = CompensationPolicy.decide(
                    proposal(PARTIAL_REFUND, line(GOODWILL, "10.00")), facts, limits, AGENT);
            // then it is within the postage plus the margin to settle
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "goodwill-cap", WITHIN_LIMITS, "17.00");
        }

        @Test
        void postage_24_plus_5_to_settle_is_within_the_agents_cap() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "24.00"), line(GOODWILL, "5.00")),
                    facts, AGENT);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "goodwill-cap", WITHIN_LIMITS, "29.00");
        }

        @Test
        void goodwill_of_30_needs_a_supervisor_when_an_agent_proposes_it() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "30.00")), facts, AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            assertFinding(decision, "goodwill-cap", NEEDS_SUPERVISOR, "29.00");
        }

        @Test
        void goodwill_of_30_proposed_by_a_supervisor_is_within_limits_and_says_so() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "30.00")), facts, SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "goodwill-cap", WITHIN_LIMITS, "29.00");
            assertThat(finding.explanation()).contains("supervisor");
        }
    }

    @Nested
    class ShippingFollowsResponsibility {

        @Test
        void the_seller_at_fault_reimburses_one_leg_of_return_postage() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"),
                    line(RETURN_SHIPPING, "12.00")), facts, AGENT);

            assertThat(decision.shippingPaidBy()).isEqualTo(Responsibility.SELLER);
            assertFinding(decision, "shipping-follows-responsibility", WITHIN_LIMITS, "12.00");
        }

        @Test
        void the_courier_at_fault_means_the_seller_pays_and_claims_from_the_courier() {
            CaseFacts facts = facts(Category.DAMAGED_PACKAGE, Responsibility.COURIER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(RESHIP), facts, AGENT);

            assertThat(decision.shippingPaidBy()).isEqualTo(Responsibility.SELLER);
            PolicyFinding finding = assertFinding(decision, "shipping-follows-responsibility", WITHIN_LIMITS, "12.00");
            assertThat(finding.explanation()).contains("claims from the courier");
        }

        @Test
        void undecided_responsibility_follows_the_categorys_presumption() {
            assertThat(decide(proposal(RESHIP), facts(Category.QUALITY, null).build(), AGENT).shippingPaidBy())
                    .isEqualTo(Responsibility.SELLER);
            assertThat(decide(proposal(RESHIP), facts(Category.LOGISTICS, null).build(), AGENT).shippingPaidBy())
                    .isEqualTo(Responsibility.SELLER);
            assertThat(decide(proposal(RESHIP), facts(Category.SIZE_FIT, null).build(), AGENT).shippingPaidBy())
                    .isEqualTo(Responsibility.BUYER);
        }

        @Test
        void undecided_responsibility_without_a_presumption_means_the_buyer_pays() {
            PolicyDecision decision = decide(proposal(RESHIP), facts(Category.USAGE_QUESTION, null).build(), AGENT);

            assertThat(decision.shippingPaidBy()).isEqualTo(Responsibility.BUYER);
        }

        @Test
        void a_decided_responsibility_overrides_the_presumption() {
            PolicyDecision decision = decide(proposal(RESHIP), facts(Category.QUALITY, Responsibility.BUYER).build(),
                    AGENT);

            assertThat(decision.shippingPaidBy()).isEqualTo(Responsibility.BUYER);
        }

        @Test
        void return_shipping_when_the_buyer_pays_shipping_is_refused_even_for_a_supervisor_and_points_to_goodwill() {
            // given the buyer changed their mind
            CaseFacts facts = facts(Category.CHANGED_MIND, Responsibility.BUYER).paid("100.00").build();
            // when a supervisor offers to reimburse the return postage
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"),
                    line(RETURN_SHIPPING, "12.00")), facts, SUPERVISOR);
            // then it is refused; goodwill is the way
            assertThat(decision.outcome()).isEqualTo(REFUSED);
            PolicyFinding finding = assertFinding(decision, "shipping-follows-responsibility", REFUSED, "0.00");
            assertThat(finding.explanation()).contains("GOODWILL");
        }

        @Test
        void return_shipping_above_one_leg_needs_a_supervisor_when_an_agent_proposes_it() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"),
                    line(RETURN_SHIPPING, "13.00")), facts, AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            assertFinding(decision, "shipping-follows-responsibility", NEEDS_SUPERVISOR, "12.00");
        }

        @Test
        void return_shipping_above_one_leg_proposed_by_a_supervisor_is_within_limits() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"),
                    line(RETURN_SHIPPING, "13.00")), facts, SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "shipping-follows-responsibility", WITHIN_LIMITS, "12.00");
            assertThat(finding.explanation()).contains("supervisor");
        }
    }

    @Nested
    class WaivedPriceDifference {

        @Test
        void a_colour_exchange_price_difference_of_5_is_waived() {
            // given a colour difference
            CaseFacts facts = facts(Category.NOT_AS_DESCRIBED, Responsibility.SELLER).paid("100.00").build();
            // when the buyer exchanges for a colour costing 5.00 more
            PolicyDecision decision = decide(proposal(EXCHANGE, line(PRICE_DIFFERENCE, "5.00")), facts, AGENT);
            // then the 5.00 is not charged
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "waived-price-difference", WITHIN_LIMITS, "5.00");
            assertThat(finding.explanation()).contains("waived");
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("0.00"));
            assertThat(decision.refundAmount()).isEqualTo(cny("0.00"));
        }

        @Test
        void a_colour_exchange_price_difference_of_6_is_charged_to_the_buyer() {
            CaseFacts facts = facts(Category.NOT_AS_DESCRIBED, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(PRICE_DIFFERENCE, "6.00")), facts, AGENT);

            PolicyFinding finding = assertFinding(decision, "waived-price-difference", WITHIN_LIMITS, "5.00");
            assertThat(finding.explanation()).contains("charged 6.00 CNY");
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("6.00"));
            assertThat(decision.refundAmount()).isEqualTo(cny("0.00"));
        }

        @Test
        void on_a_refund_a_price_difference_is_money_back_not_a_charge() {
            CaseFacts facts = facts(Category.NOT_AS_DESCRIBED, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(PRICE_DIFFERENCE, "6.00")), facts, AGENT);

            assertThat(rules(decision)).doesNotContain("waived-price-difference");
            assertThat(decision.refundAmount()).isEqualTo(cny("6.00"));
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("0.00"));
            assertFinding(decision, "refund-within-paid", WITHIN_LIMITS, "100.00");
        }
    }

    @Nested
    class ShoeDepreciation {

        private final Facts shoes40DaysAfterSignFor =
                facts(Category.SIZE_FIT, Responsibility.BUYER).paid("200.00").product("SHOE-RUN-42")
                        .signedAt(NOW.minus(Duration.ofDays(40)));

        @Test
        void shoes_exchanged_40_days_after_sign_for_are_charged_10_days_at_half_a_percent() {
            // given shoes paid 200.00, signed for 40 days ago
            CaseFacts facts = shoes40DaysAfterSignFor.build();
            // when the exchange charges 10 days x 0.5% x 200.00
            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00")), facts, AGENT);
            // then that is the depreciation, charged to the buyer
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "shoe-depreciation", WITHIN_LIMITS, "10.00");
            assertThat(finding.explanation()).contains("40 days", "10 days", "0.5%");
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("10.00"));
        }

        @Test
        void less_depreciation_than_due_needs_a_supervisor_when_an_agent_proposes_it() {
            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "4.00")),
                    shoes40DaysAfterSignFor.build(), AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            assertFinding(decision, "shoe-depreciation", NEEDS_SUPERVISOR, "10.00");
        }

        @Test
        void no_depreciation_line_at_all_is_a_waiver_that_needs_a_supervisor() {
            PolicyDecision decision = decide(proposal(EXCHANGE), shoes40DaysAfterSignFor.build(), AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            assertFinding(decision, "shoe-depreciation", NEEDS_SUPERVISOR, "10.00");
        }

        @Test
        void less_depreciation_proposed_by_a_supervisor_is_within_limits() {
            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "4.00")),
                    shoes40DaysAfterSignFor.build(), SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "shoe-depreciation", WITHIN_LIMITS, "10.00");
            assertThat(finding.explanation()).contains("supervisor");
        }

        @Test
        void more_depreciation_than_due_is_refused() {
            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.01")),
                    shoes40DaysAfterSignFor.build(), SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            assertFinding(decision, "shoe-depreciation", REFUSED, "10.00");
        }

        @Test
        void the_charge_is_rounded_half_up_to_the_cent() {
            // 199.99 x 0.5% x 10 = 9.9995
            CaseFacts facts = shoes40DaysAfterSignFor.paid("199.99").build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00")), facts, AGENT);

            assertFinding(decision, "shoe-depreciation", WITHIN_LIMITS, "10.00");
        }

        @Test
        void products_are_matched_by_prefix_whatever_their_case() {
            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00")),
                    shoes40DaysAfterSignFor.product("shoe-run-42").build(), AGENT);

            assertFinding(decision, "shoe-depreciation", WITHIN_LIMITS, "10.00");
        }

        @Test
        void depreciation_inside_the_first_month_is_refused() {
            CaseFacts facts = shoes40DaysAfterSignFor.signedAt(NOW.minus(Duration.ofDays(30))).build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "1.00")), facts, SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            PolicyFinding finding = assertFinding(decision, "shoe-depreciation", REFUSED, "0.00");
            assertThat(finding.explanation()).contains("30 days");
        }

        @Test
        void no_finding_inside_the_first_month_when_nothing_is_charged() {
            CaseFacts facts = shoes40DaysAfterSignFor.signedAt(NOW.minus(Duration.ofDays(30))).build();

            PolicyDecision decision = decide(proposal(EXCHANGE), facts, AGENT);

            assertThat(rules(decision)).doesNotContain("shoe-depreciation");
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
        }

        @Test
        void depreciation_on_a_product_that_does_not_depreciate_is_refused() {
            CaseFacts facts = shoes40DaysAfterSignFor.product("JK2611").build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00")), facts, AGENT);

            assertFinding(decision, "shoe-depreciation", REFUSED, "0.00");
        }

        @Test
        void depreciation_when_the_sign_for_time_is_unknown_is_refused() {
            CaseFacts facts = shoes40DaysAfterSignFor.signedAt(null).build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00")), facts, AGENT);

            assertFinding(decision, "shoe-depreciation", REFUSED, "0.00");
        }

        @Test
        void depreciation_on_anything_but_an_exchange_is_refused() {
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "200.00"),
                    line(DEPRECIATION, "10.00")), shoes40DaysAfterSignFor.build(), AGENT);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            assertFinding(decision, "shoe-depreciation", REFUSED, "0.00");
        }
    }

    @Nested
    class RepairExchange {

        private final CaseFacts repair = facts(Category.REPAIR, Responsibility.SELLER).build();

        @Test
        void a_part_repaired_twice_may_be_exchanged() {
            PolicyDecision decision = decide(repairExchange(2), repair, AGENT);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "repair-exchange", WITHIN_LIMITS, null);
            assertThat(finding.explanation()).contains("repaired twice may be exchanged");
        }

        @Test
        void a_part_repaired_once_needs_a_supervisor_to_be_exchanged() {
            PolicyDecision decision = decide(repairExchange(1), repair, AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            PolicyFinding finding = assertFinding(decision, "repair-exchange", NEEDS_SUPERVISOR, null);
            assertThat(finding.explanation()).contains("repaired once", "repaired twice");
        }

        @Test
        void an_unknown_repair_count_needs_a_supervisor() {
            PolicyDecision decision = decide(repairExchange(null), repair, AGENT);

            assertFinding(decision, "repair-exchange", NEEDS_SUPERVISOR, null);
        }

        @Test
        void a_supervisor_may_exchange_a_part_repaired_once() {
            PolicyDecision decision = decide(repairExchange(1), repair, SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "repair-exchange", WITHIN_LIMITS, null);
        }

        private Proposal repairExchange(Integer repairs) {
            return new Proposal(EXCHANGE, List.of(), null, repairs, null);
        }
    }

    @Nested
    class DeclineWithReason {

        @Test
        void a_decline_with_a_reason_when_the_buyer_is_responsible_is_within_limits() {
            PolicyDecision decision = decide(decline(DeclineReason.USED),
                    facts(Category.CHANGED_MIND, Responsibility.BUYER).build(), AGENT);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            assertFinding(decision, "decline-with-reason", WITHIN_LIMITS, null);
            assertThat(decision.refundAmount()).isEqualTo(cny("0.00"));
        }

        @Test
        void a_decline_without_a_reason_is_refused() {
            PolicyDecision decision = decide(decline(null), facts(Category.CHANGED_MIND, Responsibility.BUYER).build(),
                    SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            assertFinding(decision, "decline-with-reason", REFUSED, null);
        }

        @Test
        void a_decline_with_money_lines_is_refused() {
            PolicyDecision decision = decide(decline(DeclineReason.USED, line(GOODWILL, "5.00")),
                    facts(Category.CHANGED_MIND, Responsibility.BUYER).build(), SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            PolicyFinding finding = assertFinding(decision, "decline-with-reason", REFUSED, null);
            assertThat(finding.explanation()).contains("GOODWILL 5.00 CNY");
        }

        @Test
        void declining_when_the_seller_is_responsible_needs_a_supervisor() {
            PolicyDecision decision = decide(decline(DeclineReason.PAST_RETURN_PERIOD),
                    facts(Category.QUALITY, Responsibility.SELLER).build(), AGENT);

            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            PolicyFinding finding = assertFinding(decision, "decline-with-reason", NEEDS_SUPERVISOR, null);
            assertThat(finding.explanation()).contains("SELLER is responsible");
        }

        @Test
        void declining_when_the_seller_is_presumed_responsible_needs_a_supervisor() {
            PolicyDecision decision = decide(decline(DeclineReason.USED), facts(Category.WRONG_ITEM, null).build(),
                    AGENT);

            assertFinding(decision, "decline-with-reason", NEEDS_SUPERVISOR, null);
        }

        @Test
        void declining_when_the_courier_lost_the_parcel_needs_a_supervisor_as_the_seller_answers_for_it() {
            PolicyDecision decision = decide(decline(DeclineReason.PAST_RETURN_PERIOD),
                    facts(Category.LOGISTICS, Responsibility.COURIER).build(), AGENT);

            PolicyFinding finding = assertFinding(decision, "decline-with-reason", NEEDS_SUPERVISOR, null);
            assertThat(finding.explanation()).contains("COURIER is responsible");
        }

        @Test
        void a_supervisor_may_decline_when_the_seller_is_responsible() {
            PolicyDecision decision = decide(decline(DeclineReason.ABUSIVE_RETURNS),
                    facts(Category.QUALITY, Responsibility.SELLER).build(), SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
            PolicyFinding finding = assertFinding(decision, "decline-with-reason", WITHIN_LIMITS, null);
            assertThat(finding.explanation()).contains("supervisor");
        }

        private Proposal decline(DeclineReason reason, CompensationLine... lines) {
            return new Proposal(DECLINE, List.of(lines), reason, null, null);
        }
    }

    @Nested
    class LinesFitKind {

        private final CaseFacts quality = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

        @Test
        void lines_that_fit_the_kind_pass() {
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00")), quality, AGENT);

            assertFinding(decision, "lines-fit-kind", WITHIN_LIMITS, null);
        }

        @Test
        void a_zero_amount_is_refused_naming_the_line() {
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00"), line(GOODWILL, "0.00")),
                    quality, SUPERVISOR);

            assertThat(decision.outcome()).isEqualTo(REFUSED);
            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).containsIgnoringCase("line 2 GOODWILL 0.00 CNY");
        }

        @Test
        void a_negative_amount_is_refused() {
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "-5.00")), quality, AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).containsIgnoringCase("line 1 GOODWILL -5.00 CNY is not more than zero");
        }

        @Test
        void an_amount_in_another_currency_is_refused() {
            CompensationLine dollars = new CompensationLine(GOODS, new Money(new BigDecimal("100.00"), "USD"), null);

            PolicyDecision decision = decide(proposal(REFUND_ONLY, dollars), quality, AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).containsIgnoringCase("line 1 GOODS 100.00 USD is not in the paid currency CNY");
        }

        @Test
        void fractions_of_a_cent_are_refused() {
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "5.005")), quality, AGENT);

            assertFinding(decision, "lines-fit-kind", REFUSED, null);
        }

        @Test
        void a_return_and_refund_without_a_goods_line_is_refused() {
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(RETURN_SHIPPING, "12.00")), quality,
                    AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).contains("needs a GOODS line");
        }

        @Test
        void a_refund_only_without_a_goods_line_is_refused() {
            PolicyDecision decision = decide(proposal(REFUND_ONLY), quality, AGENT);

            assertFinding(decision, "lines-fit-kind", REFUSED, null);
        }

        @Test
        void a_partial_refund_with_a_goods_line_is_refused() {
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODS, "30.00")), quality, AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).containsIgnoringCase("line 1 GOODS 30.00 CNY");
        }

        @Test
        void a_partial_refund_without_money_to_the_buyer_is_refused() {
            PolicyDecision decision = decide(proposal(PARTIAL_REFUND), quality, AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).contains("at least one line of money");
        }

        @Test
        void a_price_difference_on_a_reshipment_is_refused() {
            PolicyDecision decision = decide(proposal(RESHIP, line(PRICE_DIFFERENCE, "3.00")), quality, AGENT);

            assertFinding(decision, "lines-fit-kind", REFUSED, null);
        }

        @Test
        void limits_in_another_currency_than_the_paid_one_are_refused() {
            CompensationLimits dollars = new CompensationLimits(DEFAULTS.roundTripPostage(), DEFAULTS.settleMargin(),
                    DEFAULTS.deepestDiscount(), DEFAULTS.waivedPriceDifference(), DEFAULTS.depreciationPerDay(),
                    DEFAULTS.depreciationAfterDays(), DEFAULTS.depreciatingProducts(), DEFAULTS.repairsBeforeExchange(),
                    "USD");

            PolicyDecision decision = CompensationPolicy.decide(proposal(RETURN_AND_REFUND, line(GOODS, "100.00")),
                    quality, dollars, AGENT);

            PolicyFinding finding = assertFinding(decision, "lines-fit-kind", REFUSED, null);
            assertThat(finding.explanation()).contains("USD");
        }
    }

    @Nested
    class TheDecision {

        @Test
        void its_outcome_is_the_strictest_finding_and_every_applying_rule_explains_itself() {
            // given a quality case, the seller at fault
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();
            // when an agent proposes the goods back, postage above one leg and goodwill above the cap
            PolicyDecision decision = decide(proposal(RETURN_AND_REFUND, line(GOODS, "60.00"),
                    line(RETURN_SHIPPING, "15.00"), line(GOODWILL, "30.00")), facts, AGENT);
            // then every rule that applies is listed in order, and two need a supervisor
            assertThat(rules(decision)).containsExactly("refund-within-paid", "goodwill-cap",
                    "shipping-follows-responsibility", "lines-fit-kind");
            assertThat(decision.findings()).extracting(PolicyFinding::outcome)
                    .containsExactly(WITHIN_LIMITS, NEEDS_SUPERVISOR, NEEDS_SUPERVISOR, WITHIN_LIMITS);
            assertThat(decision.outcome()).isEqualTo(NEEDS_SUPERVISOR);
            assertThat(decision.refundAmount()).isEqualTo(cny("105.00"));
            assertThat(decision.chargedToBuyer()).isEqualTo(cny("0.00"));
        }

        @Test
        void a_refusal_outranks_a_supervisor_approval() {
            CaseFacts facts = facts(Category.QUALITY, Responsibility.SELLER).paid("100.00").build();

            PolicyDecision decision = decide(proposal(PARTIAL_REFUND, line(GOODWILL, "50.00")), facts, AGENT);

            assertFinding(decision, "goodwill-cap", NEEDS_SUPERVISOR, "29.00");
            assertFinding(decision, "deepest-discount", REFUSED, "40.00");
            assertThat(decision.outcome()).isEqualTo(REFUSED);
        }

        @Test
        void an_exchange_charges_depreciation_and_the_unwaived_price_difference_together() {
            CaseFacts facts = facts(Category.SIZE_FIT, Responsibility.BUYER).paid("200.00").product("SHOE-RUN-42")
                    .signedAt(NOW.minus(Duration.ofDays(40))).build();

            PolicyDecision decision = decide(proposal(EXCHANGE, line(DEPRECIATION, "10.00"),
                    line(PRICE_DIFFERENCE, "20.00")), facts, AGENT);

            assertThat(decision.chargedToBuyer()).isEqualTo(cny("30.00"));
            assertThat(decision.refundAmount()).isEqualTo(cny("0.00"));
            assertThat(decision.outcome()).isEqualTo(WITHIN_LIMITS);
        }
    }

    // ---- helpers

    private static PolicyDecision decide(Proposal proposal, CaseFacts facts, boolean bySupervisor) {
        return CompensationPolicy.decide(proposal, facts, DEFAULTS, bySupervisor);
    }

    /** Asserts exactly one finding of the rule, its outcome and limit, and that its explanation names the limit. */
    private static PolicyFinding assertFinding(PolicyDecision decision, String rule, PolicyOutcome outcome,
                                               String limit) {
        List<PolicyFinding> found = decision.findings().stream().filter(f -> f.rule().equals(rule)).toList();
        assertThat(found).as("findings of %s in %s", rule, decision.findings()).hasSize(1);
        PolicyFinding finding = found.get(0);
        assertThat(finding.outcome()).as(finding.explanation()).isEqualTo(outcome);
        if (limit == null) {
            assertThat(finding.limit()).isNull();
        } else {
            assertThat(finding.limit()).isEqualTo(cny(limit));
            assertThat(finding.explanation()).contains(limit + " CNY");
        }
        assertThat(finding.explanation()).isNotBlank().endsWith(".");
        return finding;
    }

    private static List<String> rules(PolicyDecision decision) {
        return decision.findings().stream().map(PolicyFinding::rule).toList();
    }

    private static Proposal proposal(ResolutionKind kind, CompensationLine... lines) {
        return new Proposal(kind, new ArrayList<>(Arrays.asList(lines)), null, null, null);
    }

    private static CompensationLine line(CompensationLineType type, String amount) {
        return new CompensationLine(type, cny(amount), null);
    }

    private static Money cny(String amount) {
        return new Money(new BigDecimal(amount), "CNY");
    }

    private static CompensationLimits limits(BigDecimal roundTripPostage) {
        return new CompensationLimits(roundTripPostage, DEFAULTS.settleMargin(), DEFAULTS.deepestDiscount(),
                DEFAULTS.waivedPriceDifference(), DEFAULTS.depreciationPerDay(), DEFAULTS.depreciationAfterDays(),
                DEFAULTS.depreciatingProducts(), DEFAULTS.repairsBeforeExchange(), DEFAULTS.currency());
    }

    private static Facts facts(Category category, Responsibility responsibility) {
        return new Facts(category, responsibility, "100.00", "0.00", "JK2611", null);
    }

    /** The case facts of a test, each change a copy: 100.00 paid, nothing refunded, product JK2611, decided NOW. */
    private record Facts(Category category, Responsibility responsibility, String paid, String refunded,
                         String product, Instant signedAt) {

        Facts paid(String amount) {
            return new Facts(category, responsibility, amount, refunded, product, signedAt);
        }

        Facts refunded(String amount) {
            return new Facts(category, responsibility, paid, amount, product, signedAt);
        }

        Facts product(String code) {
            return new Facts(category, responsibility, paid, refunded, code, signedAt);
        }

        Facts signedAt(Instant at) {
            return new Facts(category, responsibility, paid, refunded, product, at);
        }

        CaseFacts build() {
            return new CaseFacts(cny(paid), cny(refunded), responsibility, category, product, signedAt, false, NOW);
        }
    }
}
