package io.aftersales.feedback.query;

import io.aftersales.feedback.api.DefectRule;

/** A rule as listed: {@code window} as an ISO-8601 duration (PT72H). */
public record RuleView(String name, String productPrefix, String category, String defectType, int minBuyers,
                       String window) {

    static RuleView of(DefectRule rule) {
        return new RuleView(rule.name(), rule.productPrefix(), rule.category(), rule.defectType(), rule.minBuyers(),
                rule.window().toString());
    }
}
