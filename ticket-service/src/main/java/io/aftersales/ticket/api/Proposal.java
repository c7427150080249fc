package io.aftersales.ticket.api;

import java.util.List;

/**
 * A resolution offered to the buyer: its kind and compensation lines. {@code declineReason} only
 * for {@code DECLINE}; {@code partRepairs} is how often the part was repaired before (三包: a part
 * repaired twice may be exchanged), null when not a repair case.
 */
public record Proposal(ResolutionKind kind, List<CompensationLine> lines, DeclineReason declineReason,
                       Integer partRepairs, String note) {

    public Proposal {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}
