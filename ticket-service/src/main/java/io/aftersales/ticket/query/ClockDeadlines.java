package io.aftersales.ticket.query;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.aftersales.ticket.api.ClockAlert;
import io.aftersales.ticket.api.ClockKind;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The persistent deadlines of the ticket clocks (ADR 0150): collection {@code deadlines}, one document
 * per (ticket, clock, cycle, alert), id {@code ticketId/CLOCK/cycle/ALERT}. A deadline is PENDING until
 * it fired: DONE when the ticket recorded the alert (never scheduled again), SKIPPED when the ticket's
 * clock said it was not due (paused or replied in between; the clock processor may schedule it again). Whoever fires it claims it first with one atomic {@code findOneAndUpdate} by its id that takes
 * a lease: of several instances polling at once exactly one gets it, and if that instance dies before
 * marking it DONE, the lease runs out and another one fires it (the ticket ignores a second delivery).
 */
public class ClockDeadlines {

    static final String COLLECTION = "deadlines";
    private static final String PENDING = "PENDING";
    private static final String DONE = "DONE";
    /** Fired, but the ticket's clock said it was not due (paused or replied meanwhile): may be scheduled again. */
    private static final String SKIPPED = "SKIPPED";

    /** Set on the other tasks of the collection only (a clock deadline has none). */
    private static final String KIND = "kind";
    /** Deadlines claimed per read of the due ones. */
    private static final int CLAIM_BATCH = 100;

    private final MongoCollection<Document> deadlines;

    public ClockDeadlines(MongoDatabase database) {
        this.deadlines = database.getCollection(COLLECTION);
        deadlines.createIndex(Indexes.ascending("state", "fireAt"));
        deadlines.createIndex(Indexes.ascending("ticketId"));
    }

    /** One deadline: which alert of which cycle of which clock of which ticket. */
    public record Deadline(String ticketId, ClockKind clock, int cycle, ClockAlert alert, Instant fireAt) {

        String id() {
            return id(ticketId, clock, cycle, alert);
        }

        static String id(String ticketId, ClockKind clock, int cycle, ClockAlert alert) {
            return ticketId + "/" + clock + "/" + cycle + "/" + alert;
        }
    }

    /**
     * Schedules the deadline, or moves it if it is pending (or fired without effect); one that fired and was
     * recorded stays as it is.
     */
    public void schedule(Deadline deadline) {
        try {
            deadlines.updateOne(Filters.and(Filters.eq("_id", deadline.id()), Filters.in("state", PENDING, SKIPPED)),
                    Updates.combine(Updates.set("fireAt", millisUp(deadline.fireAt())),
                            Updates.setOnInsert("ticketId", deadline.ticketId()),
                            Updates.setOnInsert("clock", deadline.clock().name()),
                            Updates.setOnInsert("cycle", deadline.cycle()),
                            Updates.setOnInsert("alert", deadline.alert().name()),
                            Updates.set("state", PENDING),
                            Updates.setOnInsert("leaseUntil", new Date(0))),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException done) {
            // the upsert met the same id in state DONE: it fired already and is not scheduled again
            if (done.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw done;
            }
        }
    }

    /** MongoDB keeps milliseconds: rounded up, a deadline never fires before its instant. */
    static Date millisUp(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        return Date.from(millis.equals(instant) ? millis : millis.plusMillis(1));
    }

    /** Cancels the deadline if it is pending (the clock stopped, paused or started a new cycle). */
    public void cancel(String ticketId, ClockKind clock, int cycle, ClockAlert alert) {
        deadlines.deleteOne(Filters.and(Filters.eq("_id", Deadline.id(ticketId, clock, cycle, alert)),
                Filters.eq("state", PENDING)));
    }

    /**
     * Claims up to {@value #CLAIM_BATCH} of the earliest pending deadlines due at {@code now} that nobody
     * holds a lease on, for {@code lease}. They are found by a read, then each is claimed by its id with
     * one atomic {@code findOneAndUpdate} that checks again that it is pending, due and free: of several
     * instances claiming at once exactly one gets each. Why two steps: a range query is a collection scan
     * on the embedded server, and as a {@code findOneAndUpdate} it held the server's one write lock for
     * the whole scan, once per deadline fired (ADR 0150).
     */
    public List<Deadline> claimDue(Instant now, String owner, Duration lease) {
        List<Deadline> claimed = new ArrayList<>();
        for (Document doc : claimEarliestDue(Filters.exists(KIND, false), now, owner, lease)) {
            claimed.add(new Deadline(doc.getString("ticketId"), ClockKind.valueOf(doc.getString("clock")),
                    doc.getInteger("cycle"), ClockAlert.valueOf(doc.getString("alert")), doc.getDate("fireAt").toInstant()));
        }
        return claimed;
    }

    private List<Document> claimEarliestDue(Bson which, Instant now, String owner, Duration lease) {
        Bson dueAndFree = Filters.and(Filters.eq("state", PENDING), Filters.lte("fireAt", Date.from(now)),
                Filters.lte("leaseUntil", Date.from(now)), which);
        List<Object> candidates = new ArrayList<>();
        deadlines.find(dueAndFree).sort(Sorts.ascending("fireAt")).limit(CLAIM_BATCH).projection(Projections.include("_id"))
                .forEach(doc -> candidates.add(doc.get("_id")));
        List<Document> claimed = new ArrayList<>();
        for (Object id : candidates) {
            Document doc = deadlines.findOneAndUpdate(Filters.and(Filters.eq("_id", id), dueAndFree),
                    Updates.combine(Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.set("owner", owner)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            if (doc != null) {
                claimed.add(doc);
            }
        }
        return claimed;
    }

    /**
     * Marks a claimed deadline fired, if the claimer still holds it: DONE when the ticket recorded the alert,
     * SKIPPED when its clock said it was not due (the clock processor may schedule it again).
     */
    public void done(Deadline deadline, String owner, boolean recorded) {
        deadlines.updateOne(Filters.and(Filters.eq("_id", deadline.id()), Filters.eq("owner", owner),
                        Filters.eq("state", PENDING)),
                Updates.set("state", recorded ? DONE : SKIPPED));
    }

    /** The pending deadlines of a ticket (for its view and the tests). */
    public java.util.List<Deadline> pending(String ticketId) {
        java.util.List<Deadline> found = new java.util.ArrayList<>();
        deadlines.find(Filters.and(Filters.eq("ticketId", ticketId), Filters.eq("state", PENDING)))
                .sort(Sorts.ascending("fireAt"))
                .forEach(doc -> found.add(new Deadline(doc.getString("ticketId"), ClockKind.valueOf(doc.getString("clock")),
                        doc.getInteger("cycle"), ClockAlert.valueOf(doc.getString("alert")),
                        doc.getDate("fireAt").toInstant())));
        return found;
    }

    /**
     * Another kind of task on the same collection, with the same claim and lease (the night-shift handover's
     * end of shift and clear-by): id unique per task, {@code kind} what it is, {@code storeId} and
     * {@code date} what it is about.
     */
    public record Task(String id, String kind, String storeId, String date, Instant fireAt) {
    }

    /** Schedules the task once: a task already scheduled (pending or done) stays as it is. */
    public void scheduleOnce(Task task) {
        try {
            deadlines.updateOne(Filters.eq("_id", task.id()),
                    Updates.combine(Updates.setOnInsert(KIND, task.kind()),
                            Updates.setOnInsert("storeId", task.storeId()),
                            Updates.setOnInsert("date", task.date()),
                            Updates.setOnInsert("fireAt", millisUp(task.fireAt())),
                            Updates.setOnInsert("state", PENDING),
                            Updates.setOnInsert("leaseUntil", new Date(0))),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException concurrent) {
            // another instance scheduled the same task at the same moment
            if (concurrent.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw concurrent;
            }
        }
    }

    /** Claims up to {@value #CLAIM_BATCH} of the earliest pending tasks of {@code kind} due at {@code now} that nobody holds, for {@code lease}. */
    public List<Task> claimDueTasks(String kind, Instant now, String owner, Duration lease) {
        List<Task> claimed = new ArrayList<>();
        for (Document doc : claimEarliestDue(Filters.eq(KIND, kind), now, owner, lease)) {
            claimed.add(new Task(doc.getString("_id"), kind, doc.getString("storeId"), doc.getString("date"),
                    doc.getDate("fireAt").toInstant()));
        }
        return claimed;
    }

    /** Marks a claimed task done, if the claimer still holds it. */
    public void taskDone(Task task, String owner) {
        deadlines.updateOne(Filters.and(Filters.eq("_id", task.id()), Filters.eq("owner", owner),
                Filters.eq("state", PENDING)), Updates.set("state", DONE));
    }
}
