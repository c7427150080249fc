package io.aftersales.ticket.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.aftersales.ticket.api.BatchDefectConfirmed;
import io.aftersales.ticket.api.Category;
import io.aftersales.ticket.api.Money;
import io.aftersales.ticket.api.Platform;
import io.aftersales.ticket.api.RemarkAdded;
import io.aftersales.ticket.api.TicketOpened;
import io.aftersales.testing.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket list's writes are idempotent and never go back in a ticket's history: a processor that
 * lost its claim may still deliver an old batch after a newer one (handlers called directly, on an
 * in-memory MongoDB server).
 */
class TicketSummaryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private MongoDatabase database;
    private TicketSummaryProjection projection;

    @BeforeEach
    void freshDatabase() {
        database = MONGO.freshDatabase("summaries");
        projection = new TicketSummaryProjection(database);
    }

    @Test
    void an_old_ticket_opened_after_a_newer_event_does_not_take_the_ticket_back() {
        projection.on(opened("t-1"), 0);
        projection.on(confirmed("t-1", "inc-1"), 2);

        projection.on(opened("t-1"), 0); // the stale batch of a processor whose claim was stolen

        Document summary = summary("t-1");
        assertThat(summary.getString("batchDefectIncidentId")).isEqualTo("inc-1");
        assertThat(summary.getLong("version")).isEqualTo(2L);
        assertThat(summary.getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void an_older_change_after_a_newer_one_is_ignored() {
        projection.on(opened("t-1"), 0);
        projection.on(remark("t-1", T0.plusSeconds(120)), 3);

        projection.on(confirmed("t-1", "inc-1"), 2);

        Document summary = summary("t-1");
        assertThat(summary.getLong("version")).isEqualTo(3L);
        assertThat(summary.getDate("updatedAt").toInstant()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void the_same_events_twice_leave_the_same_line() {
        List<Runnable> history = List.of(() -> projection.on(opened("t-1"), 0),
                () -> projection.on(confirmed("t-1", "inc-1"), 2),
                () -> projection.on(remark("t-1", T0.plusSeconds(120)), 3));
        history.forEach(Runnable::run);
        Document once = summary("t-1");

        history.forEach(Runnable::run);

        assertThat(summary("t-1")).isEqualTo(once);
        assertThat(database.getCollection(TicketSummaryProjection.COLLECTION).countDocuments()).isEqualTo(1);
    }

    private Document summary(String ticketId) {
        return database.getCollection(TicketSummaryProjection.COLLECTION).find(Filters.eq("_id", ticketId)).first();
    }

    static TicketOpened opened(String ticketId) {
        return new TicketOpened(ticketId, "tmall-flagship", Platform.TMALL, "order-1", null, "buyer-1", false,
                "JK2611-RED-M", "JK2611", "B1", 1, new Money(new BigDecimal("199.00"), "CNY"), T0.minusSeconds(86_400),
                Category.QUALITY, "COLOUR_FADING", null, "fades", List.of(), "web", "agent-1", T0);
    }

    static BatchDefectConfirmed confirmed(String ticketId, String incidentId) {
        return new BatchDefectConfirmed(ticketId, incidentId, "JK2611", "B1", "system", T0.plusSeconds(60));
    }

    static RemarkAdded remark(String ticketId, Instant at) {
        return new RemarkAdded(ticketId, "called the buyer", false, "agent-1", at);
    }
}
