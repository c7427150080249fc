package io.aftersales.feedback.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Within {@code window}, at least {@code minBuyers} distinct buyers report a defect on the same
 * product and batch → incident. A rule applies to products starting with {@code productPrefix}
 * and counts reports of {@code category} and {@code defectType}; each of the three left null means any.
 */
public record DefectRule(String name, String productPrefix, String category, String defectType, int minBuyers,
                         Duration window) {

    /** Longest window a rule may have: the aggregate keeps reports this long behind the newest one. */
    public static final Duration MAX_WINDOW = Duration.ofDays(30);

    public DefectRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(window, "window");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A defect rule needs a name");
        }
        if (minBuyers < 2) {
            throw new IllegalArgumentException("Rule " + name + ": min-buyers must be at least 2");
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("Rule " + name + ": window must be positive and at most " + MAX_WINDOW);
        }
        productPrefix = blankToNull(productPrefix);
        category = blankToNull(category);
        defectType = blankToNull(defectType);
    }

    public boolean appliesTo(String product) {
        return productPrefix == null || product.startsWith(productPrefix);
    }

    /** Whether a report of this category and defect type counts toward the rule. */
    public boolean counts(String reportCategory, String reportDefectType) {
        return (category == null || category.equals(reportCategory))
                && (defectType == null || defectType.equals(reportDefectType));
    }

    public boolean isCatchAll() {
        return productPrefix == null && category == null && defectType == null;
    }

    public String describe() {
        return minBuyers + " buyers within " + window;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
