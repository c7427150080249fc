package io.aftersales.ticket.web;

import io.aftersales.platform.security.Caller;
import io.aftersales.platform.security.Roles;
import io.aftersales.platform.web.Blocking;
import io.aftersales.platform.web.FieldError;
import io.aftersales.platform.web.InvalidRequestException;
import io.aftersales.ticket.query.Handovers;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The night-shift handover lists (docs/services/ticket-service.md, "Clocks"): {@code /api/v1/handovers/{date}},
 * {@code date} the store-local date the evening shift ended. A store the caller does not work for, or a
 * night without a list, answers 404; a date that is not {@code yyyy-MM-dd} answers 400.
 */
@RestController
@RequestMapping("/api/v1/handovers")
public class HandoverController {

    static final String READERS = "hasAnyRole('AGENT','SUPERVISOR','ADMIN')";

    private final Handovers handovers;
    private final Clock clock;

    public HandoverController(Handovers handovers, Clock clock) {
        this.handovers = handovers;
        this.clock = clock;
    }

    /** One night's list, each item with who cleared it and when, and the ids still to clear. */
    public record HandoverView(String storeId, LocalDate date, java.time.Instant shiftEndedAt,
                               java.time.Instant clearBy, List<Handovers.Item> items, List<String> outstanding) {

        static HandoverView of(Handovers.Handover handover) {
            return new HandoverView(handover.storeId(), handover.date(), handover.shiftEndedAt(), handover.clearBy(),
                    handover.items(), handover.outstanding());
        }
    }

    @GetMapping("/{date}")
    @PreAuthorize(READERS)
    public Mono<HandoverView> get(@PathVariable String date, @RequestParam(required = false) String storeId,
                                  Caller caller) {
        return Blocking.call(() -> {
            LocalDate night = night(date);
            if (storeId == null || storeId.isBlank()) {
                throw new InvalidRequestException(List.of(new FieldError("storeId", "is required")));
            }
            String store = storeId.strip();
            if (!caller.worksFor(store)) {
                throw noList();
            }
            return handovers.find(store, night).map(HandoverView::of).orElseThrow(HandoverController::noList);
        });
    }

    /** Clears one item: who and when are recorded once (clearing it again answers the list unchanged). */
    @PostMapping("/{date}/items/{ticketId}/clear")
    @PreAuthorize(Roles.CASE_AGENTS)
    public Mono<HandoverView> clear(@PathVariable String date, @PathVariable String ticketId, Caller caller) {
        return Blocking.call(() -> {
            LocalDate night = night(date);
            String store = handovers.storeOf(night, ticketId).filter(caller::worksFor)
                    .orElseThrow(HandoverController::noItem);
            return handovers.clear(store, night, ticketId, caller.subject(), clock.instant()).map(HandoverView::of)
                    .orElseThrow(HandoverController::noItem);
        });
    }

    private static LocalDate night(String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException notADate) {
            throw new InvalidRequestException(List.of(new FieldError("date", "must be a date, yyyy-MM-dd")));
        }
    }

    private static ResponseStatusException noList() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No handover list for this store and night");
    }

    private static ResponseStatusException noItem() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such ticket on this night's handover list");
    }
}
