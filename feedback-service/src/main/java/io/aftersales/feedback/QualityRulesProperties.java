package io.aftersales.feedback;

import io.aftersales.feedback.api.DefectRule;
import io.aftersales.feedback.command.DefectRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The batch-defect rules, {@code aftersales.quality.rules[n]}: each with a {@code name}, optional
 * {@code product-prefix}, {@code category} and {@code defect-type}, {@code min-buyers} and
 * {@code window}. Without a catch-all rule the default (5 buyers within 72 hours) is added.
 */
@ConfigurationProperties("aftersales.quality")
public record QualityRulesProperties(@DefaultValue List<Rule> rules) {

    public record Rule(String name, String productPrefix, String category, String defectType,
                       @DefaultValue("5") int minBuyers, @DefaultValue("72h") Duration window) {
    }

    DefectRules toDefectRules() {
        return new DefectRules(rules.stream()
                .map(r -> new DefectRule(r.name(), r.productPrefix(), r.category(), r.defectType(), r.minBuyers(),
                        r.window()))
                .toList());
    }
}
