package io.aftersales.feedback.command;

import io.aftersales.feedback.api.DefectRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configured batch-defect rules, most specific first. A report counts towards every rule that
 * applies to its product and counts its category and defect type, and each of them is evaluated
 * (see {@link #rulesFor}); when several are crossed at once the most specific names the incident: a rule naming
 * the defect type beats one naming only the category, which beats one naming neither; between
 * those, the longer product prefix wins. A catch-all rule always exists (the default: 5 distinct
 * buyers within 72 hours, any defect type) unless configuration provides its own.
 */
public final class DefectRules {

    public static final DefectRule DEFAULT = new DefectRule("default", null, null, null, 5, Duration.ofHours(72));

    static final Comparator<DefectRule> MOST_SPECIFIC_FIRST = Comparator
            .comparing((DefectRule r) -> r.defectType() != null).reversed()
            .thenComparing(Comparator.comparing((DefectRule r) -> r.category() != null).reversed())
            .thenComparing(Comparator.comparingInt((DefectRule r) -> r.productPrefix() == null ? 0 : r.productPrefix().length()).reversed())
            .thenComparing(DefectRule::name);

    private final List<DefectRule> rules;

    public DefectRules(List<DefectRule> configured) {
        List<DefectRule> all = new ArrayList<>(configured);
        Set<String> names = new HashSet<>();
        for (DefectRule rule : all) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException("Two defect rules are named " + rule.name());
            }
        }
        if (all.stream().noneMatch(DefectRule::isCatchAll)) {
            if (names.contains(DEFAULT.name())) {
                throw new IllegalArgumentException("The rule named default must be a catch-all (no prefix, category or defect type)");
            }
            all.add(DEFAULT);
        }
        all.sort(MOST_SPECIFIC_FIRST);
        this.rules = List.copyOf(all);
    }

    public static DefectRules defaults() {
        return new DefectRules(List.of());
    }

    /** The most specific rule for a report of this product, category and defect type (what the rule list shows). */
    public DefectRule ruleFor(String product, String category, String defectType) {
        return rules.stream()
                .filter(rule -> rule.appliesTo(product) && rule.counts(category, defectType))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No catch-all defect rule"));
    }

    /**
     * Every rule a report of this product, category and defect type counts towards, most specific
     * first (never empty: the catch-all counts every report). A report is judged by all of them, so
     * that the decision on a set of reports does not depend on which one came last.
     */
    public List<DefectRule> rulesFor(String product, String category, String defectType) {
        return rules.stream().filter(rule -> rule.appliesTo(product) && rule.counts(category, defectType)).toList();
    }

    /** Every rule, most specific first. */
    public List<DefectRule> all() {
        return rules;
    }
}
