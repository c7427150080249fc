package io.aftersales.ticket.api;

import java.util.Optional;

/** What the case is about; it decides the handling path and who is presumed responsible. */
public enum Category {
    QUALITY(Responsibility.SELLER),
    NOT_AS_DESCRIBED(Responsibility.SELLER),
    WRONG_ITEM(Responsibility.SELLER),
    DAMAGED_PACKAGE(Responsibility.COURIER),
    LOGISTICS(Responsibility.COURIER),
    NO_REASON_RETURN(Responsibility.BUYER),
    SIZE_FIT(Responsibility.BUYER),
    CHANGED_MIND(Responsibility.BUYER),
    USAGE_QUESTION(null),
    REPAIR(Responsibility.SELLER);

    private final Responsibility presumedResponsibility;

    Category(Responsibility presumedResponsibility) {
        this.presumedResponsibility = presumedResponsibility;
    }

    public Optional<Responsibility> presumedResponsibility() {
        return Optional.ofNullable(presumedResponsibility);
    }

    /** A quality complaint must say which defect it is; "not as described" may name one. */
    public boolean requiresDefectType() {
        return this == QUALITY;
    }

    /** Whether a ticket of this category with the given defect type is a defect report on the product. */
    public boolean reportsDefect(String defectType) {
        return this == QUALITY || (this == NOT_AS_DESCRIBED && defectType != null && !defectType.isBlank());
    }
}
