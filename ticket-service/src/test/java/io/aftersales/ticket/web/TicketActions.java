package io.aftersales.ticket.web;

import java.util.List;
import java.util.Map;

/**
 * Every action endpoint of a ticket with a valid body and a role it refuses: the table the security,
 * fuzz and OpenAPI tests walk, so a new action is covered by adding one line.
 */
record TicketActions(String path, Map<String, Object> body, String refusedRole, List<String> roles) {

    static final List<String> AGENTS = List.of("AGENT", "SUPERVISOR");
    static final List<String> SUPERVISORS = List.of("SUPERVISOR");
    static final List<String> CONTRIBUTORS = List.of("AGENT", "SUPERVISOR", "WAREHOUSE", "LOGISTICS", "ADMIN");
    static final List<String> WORKERS = List.of("AGENT", "SUPERVISOR", "LOGISTICS", "ADMIN");

    static List<TicketActions> all() {
        return List.of(
                new TicketActions("claim", null, "WAREHOUSE", AGENTS),
                new TicketActions("assignment", Map.of("assignee", "agent-9"), "AGENT", SUPERVISORS),
                new TicketActions("replies", Map.of("channel", "PHONE", "text", "We are looking into it"), "QA", AGENTS),
                new TicketActions("evidence-requests", Map.of("what", "a photo of the label"), "WAREHOUSE", AGENTS),
                new TicketActions("evidence", Map.of("evidence", List.of(Map.of("kind", "PHOTO", "ref", "b/3.jpg"))),
                        "QA", CONTRIBUTORS),
                new TicketActions("responsibility", Map.of("responsibility", "COURIER", "reason", "crushed box"),
                        "WAREHOUSE", AGENTS),
                new TicketActions("quality-assessment", Map.of("worn", false), "LOGISTICS", AGENTS),
                new TicketActions("quality-verification", Map.of("note", "fading visible"), "QA", CONTRIBUTORS),
                new TicketActions("photos-refused", Map.of("note", "buyer will not take photos"), "WAREHOUSE", AGENTS),
                new TicketActions("proposals", Map.of("kind", "PARTIAL_REFUND", "lines", List.of(Map.of("type", "GOODWILL",
                        "amount", Map.of("amount", "10.00", "currency", "CNY")))), "WAREHOUSE", AGENTS),
                new TicketActions("proposals/1/approval", Map.of("note", "fine"), "AGENT", SUPERVISORS),
                new TicketActions("proposals/1/rejection", Map.of("note", "too much"), "AGENT", SUPERVISORS),
                new TicketActions("agreement", Map.of("source", "AGENT"), "WAREHOUSE", AGENTS),
                new TicketActions("offer-refusal", Map.of("reason", "wants a full refund"), "LOGISTICS", AGENTS),
                new TicketActions("close", null, "WAREHOUSE", AGENTS),
                new TicketActions("satisfaction", Map.of("score", 5, "comment", "quick"), "WAREHOUSE", WORKERS),
                new TicketActions("reopen", Map.of("reason", "fading again"), "QA", AGENTS),
                new TicketActions("cancellation", Map.of("reason", "BUYER_WITHDREW"), "WAREHOUSE", AGENTS),
                new TicketActions("platform-decision", Map.of("decision", "AUTO_APPROVED"), "WAREHOUSE",
                        List.of("AGENT", "SUPERVISOR", "ADMIN")));
    }

    /** The OpenAPI path of this action. */
    String apiPath() {
        return "/api/v1/tickets/{id}/" + path.replace("proposals/1/", "proposals/{number}/");
    }

    @Override
    public String toString() {
        return "POST " + path;
    }
}
