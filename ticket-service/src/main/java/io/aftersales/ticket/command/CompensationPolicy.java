package io.aftersales.ticket.command;

import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.CompensationLine;
import io.aftersales.ticket.api.CompensationLineType;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.PolicyDecision;
import io.aftersales.ticket.api.PolicyFinding;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.Proposal;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.Responsibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.aftersales.ticket.api.CompensationLineType.DEPRECIATION;
import static io.aftersales.ticket.api.CompensationLineType.GOODS;
import static io.aftersales.ticket.api.CompensationLineType.GOODWILL;
import static io.aftersales.ticket.api.CompensationLineType.PRICE_DIFFERENCE;
import static io.aftersales.ticket.api.CompensationLineType.RETURN_SHIPPING;
import static io.aftersales.ticket.api.PolicyOutcome.NEEDS_SUPERVISOR;
import static io.aftersales.ticket.api.PolicyOutcome.REFUSED;
import static io.aftersales.ticket.api.PolicyOutcome.WITHIN_LIMITS;

/**
 * A store's compensation policy (lifecycle.md §1, domain.md defaults): decides each proposal and explains why.
 * <p>
 * Pure: the same proposal, facts and limits always give the same decision. Every rule that applies to the
 * proposal adds one finding (passed ones too); the decision's outcome is the strictest finding. Amounts are
 * exact to the cent ({@code BigDecimal}, scale 2); a maximum computed from a share of the price is rounded down
 * to the cent (in the buyer's price's favour), the depreciation charge half-up as domain.md states it.
 * See docs/compensation-policy.md for every rule, its default and its property.
 */
public final class CompensationPolicy {

    public static final String REFUND_WITHIN_PAID = "refund-within-paid";
    public static final String DEEPEST_DISCOUNT = "deepest-discount";
    public static final String GOODWILL_CAP = "goodwill-cap";
    public static final String SHIPPING_FOLLOWS_RESPONSIBILITY = "shipping-follows-responsibility";
    public static final String WAIVED_PRICE_DIFFERENCE = "waived-price-difference";
    public static final String SHOE_DEPRECIATION = "shoe-depreciation";
    public static final String REPAIR_EXCHANGE = "repair-exchange";
    public static final String DECLINE_WITH_REASON = "decline-with-reason";
    public static final String LINES_FIT_KIND = "lines-fit-kind";

    private static final int CENTS = 2;
    private static final String SUPERVISOR_PROPOSED = "; a supervisor proposed it";

    private CompensationPolicy() {
    }

    public static PolicyDecision decide(Proposal proposal, CaseFacts facts, CompensationLimits limits,
                                        boolean bySupervisor) {
        Objects.requireNonNull(proposal, "proposal");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(facts.paid(), "facts.paid");
        Objects.requireNonNull(limits, "limits");
        return new Decision(proposal, facts, limits, bySupervisor).decide();
    }

    /**
     * Who pays shipping (both ways) for a case: the seller when the seller or the courier is responsible
     * (the seller pays the buyer and claims from the courier), the buyer when the buyer is. Undecided
     * responsibility falls back to the category's presumption, and to the buyer when the category has none.
     */
    public static Responsibility shippingPaidBy(Responsibility responsibility, Category category) {
        Responsibility effective = effectiveResponsibility(responsibility, category);
        return effective == Responsibility.BUYER ? Responsibility.BUYER : Responsibility.SELLER;
    }

    /** The responsibility the policy works with: the decided one, else the category's presumption, else BUYER. */
    public static Responsibility effectiveResponsibility(Responsibility responsibility, Category category) {
        if (responsibility != null) {
            return responsibility;
        }
        if (category == null) {
            return Responsibility.BUYER;
        }
        return category.presumedResponsibility().orElse(Responsibility.BUYER);
    }

    /** One evaluation: the inputs, the well-formed lines and the findings gathered so far. */
    private static final class Decision {

        private final Proposal proposal;
        private final ResolutionKind kind;
        private final CaseFacts facts;
        private final CompensationLimits limits;
        private final boolean bySupervisor;
        private final String currency;
        private final BigDecimal paid;
        private final BigDecimal alreadyRefunded;
        /** Lines with a type and a positive amount exact to the cent in the paid currency: the ones summed. */
        private final List<CompensationLine> wellFormed = new ArrayList<>();
        private final List<PolicyFinding> findings = new ArrayList<>();

        Decision(Proposal proposal, CaseFacts facts, CompensationLimits limits, boolean bySupervisor) {
            this.proposal = proposal;
            this.kind = proposal.kind();
            this.facts = facts;
            this.limits = limits;
            this.bySupervisor = bySupervisor;
            this.currency = facts.paid().currency();
            this.paid = cents(facts.paid().amount());
            this.alreadyRefunded = facts.alreadyRefunded() == null ? zero() : cents(facts.alreadyRefunded().amount());
            for (CompensationLine line : proposal.lines()) {
                if (isWellFormed(line)) {
                    wellFormed.add(line);
                }
            }
        }

        PolicyDecision decide() {
            refundWithinPaid();
            deepestDiscount();
            goodwillCap();
            Responsibility shippingPaidBy = shippingFollowsResponsibility();
            waivedPriceDifference();
            shoeDepreciation();
            repairExchange();
            declineWithReason();
            linesFitKind();
            PolicyOutcome outcome = findings.stream().map(PolicyFinding::outcome)
                    .max(Comparator.naturalOrder()).orElse(WITHIN_LIMITS);
            return new PolicyDecision(outcome, findings, shippingPaidBy, money(refundAmount()),
                    money(chargedToBuyer()));
        }

        // ---- the rules, in the order of docs/compensation-policy.md

        private void refundWithinPaid() {
            BigDecimal againstPrice = againstPrice();
            if (againstPrice.signum() == 0) {
                return;
            }
            BigDecimal limit = paid.subtract(alreadyRefunded).max(zero());
            String base = "Money against the line's price is %s (%s) and may not exceed what was paid, %s, less what was already refunded, %s: at most %s"
                    .formatted(show(againstPrice), againstPriceParts(), show(paid), show(alreadyRefunded), show(limit));
            if (againstPrice.compareTo(limit) > 0) {
                add(REFUND_WITHIN_PAID, REFUSED, limit, base + "; nobody may offer more, a supervisor neither.");
            } else {
                add(REFUND_WITHIN_PAID, WITHIN_LIMITS, limit, base + ".");
            }
        }

        private void deepestDiscount() {
            if (kind != ResolutionKind.PARTIAL_REFUND) {
                return;
            }
            BigDecimal share = BigDecimal.ONE.subtract(limits.deepestDiscount());
            BigDecimal limit = paid.multiply(share).setScale(CENTS, RoundingMode.DOWN);
            BigDecimal back = againstPrice();
            BigDecimal total = back.add(alreadyRefunded);
            String percent = limits.deepestDiscount().movePointRight(2).stripTrailingZeros().toPlainString();
            String base = "The buyer keeps the goods, so the price may not go below %s%% of the %s paid: at most %s back in all, and %s back%s"
                    .formatted(percent, show(paid), show(limit), show(total),
                            alreadyRefunded.signum() == 0 ? ""
                                    : " (%s proposed + %s already refunded)".formatted(show(back), show(alreadyRefunded)));
            if (total.compareTo(limit) > 0) {
                add(DEEPEST_DISCOUNT, REFUSED, limit, base + " is a deeper discount; nobody may offer it, a supervisor neither.");
            } else {
                add(DEEPEST_DISCOUNT, WITHIN_LIMITS, limit, base + " stays within it.");
            }
        }

        private void goodwillCap() {
            if (lines(GOODWILL).isEmpty()) {
                return;
            }
            BigDecimal goodwill = sum(GOODWILL);
            BigDecimal cap = cents(limits.roundTripPostage().add(limits.settleMargin()));
            String base = "Goodwill of %s against the agent's cap of %s (round-trip postage %s + %s to settle)"
                    .formatted(show(goodwill), show(cap), show(cents(limits.roundTripPostage())),
                            show(cents(limits.settleMargin())));
            if (goodwill.compareTo(cap) <= 0) {
                add(GOODWILL_CAP, WITHIN_LIMITS, cap, base + ": within it.");
            } else if (bySupervisor) {
                add(GOODWILL_CAP, WITHIN_LIMITS, cap, base + ": above it" + SUPERVISOR_PROPOSED + ".");
            } else {
                add(GOODWILL_CAP, NEEDS_SUPERVISOR, cap, base + ": above it, a supervisor approves it.");
            }
        }

        private Responsibility shippingFollowsResponsibility() {
            Responsibility effective = effectiveResponsibility(facts.responsibility(), facts.category());
            Responsibility payer = shippingPaidBy(facts.responsibility(), facts.category());
            String why = facts.responsibility() != null ? "responsibility is " + effective
                    : facts.category() != null && facts.category().presumedResponsibility().isPresent()
                    ? "responsibility is undecided and " + facts.category() + " presumes " + effective
                    : "responsibility is undecided and " + (facts.category() == null ? "no category" : facts.category())
                    + " presumes nobody, so the buyer";
            BigDecimal oneLeg = cents(limits.roundTripPostage()).divide(BigDecimal.valueOf(2), CENTS, RoundingMode.DOWN);
            BigDecimal shipping = sum(RETURN_SHIPPING);
            boolean reimbursed = !lines(RETURN_SHIPPING).isEmpty();
            if (payer == Responsibility.BUYER) {
                String base = "The buyer pays shipping both ways: " + why;
                if (reimbursed) {
                    add(SHIPPING_FOLLOWS_RESPONSIBILITY, REFUSED, zero(), base + ", so return shipping of "
                            + show(shipping) + " may not be reimbursed (limit " + show(zero())
                            + "); offer GOODWILL instead.");
                } else {
                    add(SHIPPING_FOLLOWS_RESPONSIBILITY, WITHIN_LIMITS, zero(), base
                            + "; no return shipping is reimbursed (limit " + show(zero()) + ").");
                }
                return payer;
            }
            String base = "The seller pays shipping both ways: " + why
                    + (effective == Responsibility.COURIER ? " (the seller pays the buyer and claims from the courier)" : "");
            if (!reimbursed) {
                add(SHIPPING_FOLLOWS_RESPONSIBILITY, WITHIN_LIMITS, oneLeg, base
                        + "; the buyer's return postage may be reimbursed up to one leg, " + show(oneLeg) + ".");
            } else if (shipping.compareTo(oneLeg) <= 0) {
                add(SHIPPING_FOLLOWS_RESPONSIBILITY, WITHIN_LIMITS, oneLeg, base + "; return shipping of "
                        + show(shipping) + " is within one leg of postage, " + show(oneLeg) + ".");
            } else if (bySupervisor) {
                add(SHIPPING_FOLLOWS_RESPONSIBILITY, WITHIN_LIMITS, oneLeg, base + "; return shipping of "
                        + show(shipping) + " is above one leg of postage, " + show(oneLeg) + SUPERVISOR_PROPOSED + ".");
            } else {
                add(SHIPPING_FOLLOWS_RESPONSIBILITY, NEEDS_SUPERVISOR, oneLeg, base + "; return shipping of "
                        + show(shipping) + " is above one leg of postage, " + show(oneLeg) + ", a supervisor approves it.");
            }
            return payer;
        }

        private void waivedPriceDifference() {
            if (kind != ResolutionKind.EXCHANGE || lines(PRICE_DIFFERENCE).isEmpty()) {
                return;
            }
            BigDecimal difference = sum(PRICE_DIFFERENCE);
            BigDecimal waived = cents(limits.waivedPriceDifference());
            if (difference.compareTo(waived) <= 0) {
                add(WAIVED_PRICE_DIFFERENCE, WITHIN_LIMITS, waived, "The exchange's price difference of "
                        + show(difference) + " is at most " + show(waived) + ", so it is waived: the buyer is not charged.");
            } else {
                add(WAIVED_PRICE_DIFFERENCE, WITHIN_LIMITS, waived, "The exchange's price difference of "
                        + show(difference) + " is above the " + show(waived) + " that is waived, so the buyer is charged "
                        + show(difference) + ".");
            }
        }

        private void shoeDepreciation() {
            boolean proposed = !lines(DEPRECIATION).isEmpty();
            String whyNot = depreciationDoesNotApply();
            if (whyNot != null) {
                if (proposed) {
                    add(SHOE_DEPRECIATION, REFUSED, zero(), "Depreciation of " + show(sum(DEPRECIATION))
                            + " may not be charged (limit " + show(zero()) + "): " + whyNot + ".");
                }
                return;
            }
            long days = daysSinceSignFor();
            long charged = days - limits.depreciationAfterDays();
            BigDecimal expected = paid.multiply(limits.depreciationPerDay()).multiply(BigDecimal.valueOf(charged))
                    .setScale(CENTS, RoundingMode.HALF_UP).min(paid);
            BigDecimal depreciation = sum(DEPRECIATION);
            String percent = limits.depreciationPerDay().movePointRight(2).stripTrailingZeros().toPlainString();
            String base = "Exchanged %d days after sign-for: %d days past the first %d at %s%% of the %s paid is a depreciation of %s, and %s is charged"
                    .formatted(days, charged, limits.depreciationAfterDays(), percent, show(paid), show(expected),
                            show(depreciation));
            int comparison = depreciation.compareTo(expected);
            if (comparison == 0) {
                add(SHOE_DEPRECIATION, WITHIN_LIMITS, expected, base + ".");
            } else if (comparison > 0) {
                add(SHOE_DEPRECIATION, REFUSED, expected, base + ": the buyer may not be charged more than the depreciation.");
            } else if (bySupervisor) {
                add(SHOE_DEPRECIATION, WITHIN_LIMITS, expected, base + ": less is a concession" + SUPERVISOR_PROPOSED + ".");
            } else {
                add(SHOE_DEPRECIATION, NEEDS_SUPERVISOR, expected, base
                        + ": waiving depreciation is a concession, a supervisor approves it.");
            }
        }

        /** Null when the depreciation rule applies to this proposal, else why not. */
        private String depreciationDoesNotApply() {
            if (kind != ResolutionKind.EXCHANGE) {
                return "depreciation is only charged on an exchange, this is " + kind;
            }
            if (!depreciates(facts.product())) {
                return "product " + facts.product() + " is not one that depreciates " + limits.depreciatingProducts();
            }
            if (facts.signedAt() == null || facts.decidedAt() == null) {
                return "when the buyer signed for the parcel is not known";
            }
            long days = daysSinceSignFor();
            if (days <= limits.depreciationAfterDays()) {
                return "it is " + days + " days after sign-for, not more than " + limits.depreciationAfterDays();
            }
            return null;
        }

        private long daysSinceSignFor() {
            return Duration.between(facts.signedAt(), facts.decidedAt()).toDays();
        }

        private boolean depreciates(String product) {
            if (product == null) {
                return false;
            }
            String upper = product.toUpperCase(Locale.ROOT);
            return limits.depreciatingProducts().stream()
                    .anyMatch(prefix -> prefix != null && !prefix.isEmpty() && upper.startsWith(prefix.toUpperCase(Locale.ROOT)));
        }

        private void repairExchange() {
            if (facts.category() != Category.REPAIR || kind != ResolutionKind.EXCHANGE) {
                return;
            }
            Integer repairs = proposal.partRepairs();
            int needed = limits.repairsBeforeExchange();
            String base = "The part was repaired " + (repairs == null ? "an unknown number of times" : times(repairs))
                    + "; a part repaired " + times(needed) + " may be exchanged";
            if (repairs != null && repairs >= needed) {
                add(REPAIR_EXCHANGE, WITHIN_LIMITS, null, base + ".");
            } else if (bySupervisor) {
                add(REPAIR_EXCHANGE, WITHIN_LIMITS, null, base + ", earlier is a concession" + SUPERVISOR_PROPOSED + ".");
            } else {
                add(REPAIR_EXCHANGE, NEEDS_SUPERVISOR, null, base + ", earlier a supervisor approves it.");
            }
        }

        private void declineWithReason() {
            if (kind != ResolutionKind.DECLINE) {
                return;
            }
            if (proposal.declineReason() == null) {
                add(DECLINE_WITH_REASON, REFUSED, null, "A decline needs a reason (buyer's responsibility, used, "
                        + "past the return period, abusive returns); none was given.");
                return;
            }
            if (!proposal.lines().isEmpty()) {
                add(DECLINE_WITH_REASON, REFUSED, null, "A decline gives no money, yet it has " + proposal.lines().size()
                        + " compensation line(s) " + describe(proposal.lines()) + ".");
                return;
            }
            Responsibility effective = effectiveResponsibility(facts.responsibility(), facts.category());
            if (effective == Responsibility.BUYER) {
                add(DECLINE_WITH_REASON, WITHIN_LIMITS, null, "Declined for " + proposal.declineReason()
                        + "; the buyer is responsible.");
            } else if (bySupervisor) {
                add(DECLINE_WITH_REASON, WITHIN_LIMITS, null, "Declined for " + proposal.declineReason() + " while "
                        + effective + " is responsible" + SUPERVISOR_PROPOSED + ".");
            } else {
                add(DECLINE_WITH_REASON, NEEDS_SUPERVISOR, null, "Declined for " + proposal.declineReason() + " while "
                        + effective + " is responsible: the seller's fault is never pushed onto the buyer, "
                        + "a supervisor approves it.");
            }
        }

        private void linesFitKind() {
            List<String> problems = new ArrayList<>();
            if (kind == null) {
                problems.add("the proposal has no kind");
            }
            if (limits.currency() != null && !limits.currency().equals(currency)) {
                problems.add("the store's limits are in " + limits.currency() + " but the line was paid in " + currency);
            }
            if (facts.alreadyRefunded() != null && !currency.equals(facts.alreadyRefunded().currency())) {
                problems.add("already refunded is in " + facts.alreadyRefunded().currency() + ", not " + currency);
            }
            List<CompensationLine> lines = proposal.lines();
            for (int i = 0; i < lines.size(); i++) {
                CompensationLine line = lines.get(i);
                String name = "line " + (i + 1) + " " + describe(line);
                if (line == null || line.type() == null) {
                    problems.add(name + " has no type");
                } else if (line.amount() == null) {
                    problems.add(name + " has no amount");
                } else if (!currency.equals(line.amount().currency())) {
                    problems.add(name + " is not in the paid currency " + currency);
                } else if (line.amount().amount().signum() <= 0) {
                    problems.add(name + " is not more than zero");
                } else if (line.amount().amount().stripTrailingZeros().scale() > CENTS) {
                    problems.add(name + " is not exact to the cent");
                } else if (line.type() == GOODS && kind != null && !refundsGoods(kind)) {
                    problems.add(name + " refunds the goods, which " + article(kind) + " does not");
                } else if (line.type() == PRICE_DIFFERENCE && (kind == ResolutionKind.RESHIP || kind == ResolutionKind.REPAIR)) {
                    problems.add(name + " is a price difference, which " + article(kind) + " has none of");
                }
            }
            if (refundsGoods(kind) && lines(GOODS).isEmpty()) {
                problems.add(article(kind) + " needs a GOODS line");
            }
            if (kind == ResolutionKind.PARTIAL_REFUND && refundAmount().signum() == 0) {
                problems.add("a PARTIAL_REFUND needs at least one line of money to the buyer");
            }
            if (problems.isEmpty()) {
                add(LINES_FIT_KIND, WITHIN_LIMITS, null, "The " + lines.size() + " line(s) fit " + article(kind)
                        + ", each more than zero in " + currency + ".");
            } else {
                add(LINES_FIT_KIND, REFUSED, null, capitalise(String.join("; ", problems)) + ".");
            }
        }

        // ---- sums

        /** Money against the line's price: GOODS, GOODWILL, and PRICE_DIFFERENCE when it is money back. */
        private BigDecimal againstPrice() {
            BigDecimal sum = sum(GOODS).add(sum(GOODWILL));
            return priceDifferenceIsMoneyBack() ? sum.add(sum(PRICE_DIFFERENCE)) : sum;
        }

        private String againstPriceParts() {
            List<String> parts = new ArrayList<>();
            for (CompensationLineType type : List.of(GOODS, GOODWILL, PRICE_DIFFERENCE)) {
                if (type == PRICE_DIFFERENCE && !priceDifferenceIsMoneyBack()) {
                    continue;
                }
                if (!lines(type).isEmpty()) {
                    parts.add(type + " " + show(sum(type)));
                }
            }
            return String.join(" + ", parts);
        }

        private BigDecimal refundAmount() {
            return againstPrice().add(sum(RETURN_SHIPPING));
        }

        private BigDecimal chargedToBuyer() {
            BigDecimal charged = sum(DEPRECIATION);
            if (kind == ResolutionKind.EXCHANGE) {
                BigDecimal difference = sum(PRICE_DIFFERENCE);
                if (difference.compareTo(cents(limits.waivedPriceDifference())) > 0) {
                    charged = charged.add(difference);
                }
            }
            return charged;
        }

        private boolean priceDifferenceIsMoneyBack() {
            return refundsGoods(kind) || kind == ResolutionKind.PARTIAL_REFUND;
        }

        private List<CompensationLine> lines(CompensationLineType type) {
            return wellFormed.stream().filter(line -> line.type() == type).toList();
        }

        private BigDecimal sum(CompensationLineType type) {
            return lines(type).stream().map(line -> cents(line.amount().amount())).reduce(zero(), BigDecimal::add);
        }

        private boolean isWellFormed(CompensationLine line) {
            return line != null && line.type() != null && line.amount() != null
                    && currency.equals(line.amount().currency()) && line.amount().amount().signum() > 0
                    && line.amount().amount().stripTrailingZeros().scale() <= CENTS;
        }

        // ---- helpers

        private void add(String rule, PolicyOutcome outcome, BigDecimal limit, String explanation) {
            findings.add(new PolicyFinding(rule, outcome, limit == null ? null : money(limit), explanation));
        }

        private Money money(BigDecimal amount) {
            return new Money(cents(amount), currency);
        }

        private String show(BigDecimal amount) {
            return cents(amount).toPlainString() + " " + currency;
        }

        private static boolean refundsGoods(ResolutionKind kind) {
            return kind == ResolutionKind.RETURN_AND_REFUND || kind == ResolutionKind.REFUND_ONLY;
        }

        private static BigDecimal zero() {
            return BigDecimal.ZERO.setScale(CENTS);
        }

        private static BigDecimal cents(BigDecimal amount) {
            return amount.setScale(CENTS, RoundingMode.HALF_UP);
        }

        private static String describe(List<CompensationLine> lines) {
            return lines.stream().map(CompensationPolicy.Decision::describe).toList().toString();
        }

        private static String describe(CompensationLine line) {
            if (line == null) {
                return "(empty)";
            }
            return line.type() + (line.amount() == null ? ""
                    : " " + line.amount().amount().toPlainString() + " " + line.amount().currency());
        }

        private static String article(ResolutionKind kind) {
            return (kind == ResolutionKind.EXCHANGE ? "an " : "a ") + kind;
        }

        private static String times(int count) {
            return switch (count) {
                case 1 -> "once";
                case 2 -> "twice";
                default -> count + " times";
            };
        }

        private static String capitalise(String text) {
            return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        }
    }
}
