package io.aftersales.ticket.query;

import io.aftersales.ticket.api.Actors;
import io.aftersales.ticket.api.CancelReason;
import io.aftersales.ticket.api.DownstreamPart;
import io.aftersales.ticket.api.PolicyOutcome;
import io.aftersales.ticket.api.ReplyChannel;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.VerificationStep;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.aftersales.ticket.query.LifecycleEvents.at;
import static io.aftersales.ticket.query.LifecycleEvents.life;
import static org.assertj.core.api.Assertions.assertThat;

/** A ticket's view folded from its events, step by step through its life. */
class TicketQueriesTest {

    @Test
    void the_view_follows_a_quality_ticket_from_intake_to_its_satisfaction_score() {
        List<Object> events = life("t-1");
        List<TicketView> views = new ArrayList<>();
        TicketView view = null;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            view = TicketQueries.apply(view, events.get(sequence), sequence);
            views.add(view);
        }

        assertThat(views.get(0).status()).isEqualTo(TicketStatus.NEW);
        assertThat(views.get(0).verification()).isEqualTo(VerificationStep.PENDING);
        assertThat(views.get(1).status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(views.get(1).assignee()).isEqualTo("agent-1");
        assertThat(views.get(2).replies()).singleElement().satisfies(reply -> {
            assertThat(reply.channel()).isEqualTo(ReplyChannel.PHONE);
            assertThat(reply.firstReply()).isTrue();
        });
        assertThat(views.get(2).firstReplyAt()).isEqualTo(at(2));
        assertThat(views.get(4).status()).isEqualTo(TicketStatus.WAITING_BUYER);
        assertThat(views.get(4).evidenceRequested().what()).isEqualTo("photos of the fading");
        assertThat(views.get(5).status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(views.get(5).evidenceRequested()).isNull();
        assertThat(views.get(5).evidence()).extracting("ref").containsExactly("buyer-1/2.jpg");
        assertThat(views.get(6).verification()).isEqualTo(VerificationStep.VERIFIED);
        assertThat(views.get(9).status()).isEqualTo(TicketStatus.WAITING_APPROVAL);
        assertThat(views.get(9).pendingProposal().decision().outcome()).isEqualTo(PolicyOutcome.NEEDS_SUPERVISOR);
        assertThat(views.get(9).pendingProposal().decision().findings()).extracting("rule").containsExactly("goodwill-cap");
        assertThat(views.get(10).status()).isEqualTo(TicketStatus.WAITING_BUYER);
        assertThat(views.get(10).pendingProposal().approvedBy()).isEqualTo("sup-1");
        TicketView agreed = views.get(11);
        assertThat(agreed.status()).isEqualTo(TicketStatus.RESOLUTION_AGREED);
        assertThat(agreed.pendingProposal()).isNull();
        assertThat(agreed.resolution().number()).isEqualTo(1);
        assertThat(agreed.resolution().refundAmount().amount()).isEqualByComparingTo("40.00");
        assertThat(agreed.resolution().open()).containsExactly(DownstreamPart.REFUND_PAID);
        assertThat(views.get(12).resolution().open()).isEmpty();
        assertThat(views.get(12).resolution().done()).containsExactly(DownstreamPart.REFUND_PAID);
        assertThat(views.get(13).status()).isEqualTo(TicketStatus.RESOLVED);
        assertThat(views.get(13).resolvedAt()).isEqualTo(at(10));
        assertThat(views.get(14).status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(views.get(14).closedAt()).isEqualTo(at(11));
        assertThat(view.satisfaction().score()).isEqualTo(5);
        assertThat(view.version()).isEqualTo(events.size() - 1);
        assertThat(view.remarks()).singleElement().satisfies(remark -> assertThat(remark.flagged()).isTrue());
    }

    @Test
    void a_reopened_ticket_is_worked_again_and_a_cancelled_one_says_why() {
        TicketView closed = TicketQueries.fold(life("t-1"));
        TicketView reopened = TicketQueries.apply(closed, LifecycleEvents.reopened("t-1", 20), closed.version() + 1);
        assertThat(reopened.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(reopened.resolvedAt()).isNull();
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.resolution().number()).as("the earlier agreement stays visible").isEqualTo(1);

        TicketView escalated = TicketQueries.apply(reopened, LifecycleEvents.escalated("t-1", 21), reopened.version() + 1);
        assertThat(escalated.escalated()).isTrue();
        TicketView cancelled = TicketQueries.apply(escalated, LifecycleEvents.cancelled("t-1", 22), escalated.version() + 1);
        assertThat(cancelled.status()).isEqualTo(TicketStatus.CANCELLED);
        assertThat(cancelled.escalated()).isFalse();
        assertThat(cancelled.cancellation().reason()).isEqualTo(CancelReason.DUPLICATE);
        assertThat(cancelled.cancellation().duplicateOf()).isEqualTo("t-0");
    }

    @Test
    void every_event_of_the_history_names_its_own_actor_not_the_system() {
        List<Object> events = new ArrayList<>(life("t-1"));
        events.add(LifecycleEvents.reopened("t-1", 20));
        events.add(LifecycleEvents.escalated("t-1", 21));
        events.add(LifecycleEvents.cancelled("t-1", 22));
        for (Object event : events) {
            if (event instanceof io.aftersales.ticket.api.DownstreamProgressRecorded
                    || event instanceof io.aftersales.ticket.api.TicketResolved) {
                assertThat(TicketQueries.actorOf(event)).as(event.getClass().getSimpleName()).isEqualTo(Actors.SYSTEM);
            } else {
                assertThat(TicketQueries.actorOf(event)).as(event.getClass().getSimpleName()).isNotEqualTo(Actors.SYSTEM);
            }
        }
        assertThat(TicketQueries.actorOf(events.get(10))).isEqualTo("sup-1");
        assertThat(TicketQueries.actorOf(events.get(15))).isEqualTo("survey-bot");
    }
}
