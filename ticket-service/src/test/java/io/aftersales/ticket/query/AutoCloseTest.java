package io.aftersales.ticket.query;

import io.aftersales.testing.InMemoryMongo;
import io.aftersales.ticket.api.CloseTicket;
import io.aftersales.ticket.api.CompensationLimits;
import io.aftersales.ticket.api.StorePolicies;
import io.aftersales.ticket.api.TicketResolved;
import io.aftersales.ticket.api.ResolutionKind;
import io.aftersales.ticket.api.TicketStateConflict;
import io.aftersales.ticket.api.TicketStatus;
import io.aftersales.ticket.api.TicketTimings;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The automatic close: a resolved ticket closes by itself its store's autoCloseAfter after resolving. */
class AutoCloseTest {

    private static final Instant RESOLVED_AT = Instant.parse("2026-11-23T10:00:00Z");

    @RegisterExtension
    static final InMemoryMongo MONGO = new InMemoryMongo();

    private TicketSummaryProjection projection;
    private final CommandGateway commandGateway = mock(CommandGateway.class);

    @BeforeEach
    void resolvedTicket() {
        projection = new TicketSummaryProjection(MONGO.freshDatabase("auto_close"));
        projection.on(LifecycleEvents.opened("t-1"), 0);
        projection.on(new TicketResolved("t-1", LifecycleEvents.STORE, 1, ResolutionKind.REFUND_ONLY, RESOLVED_AT), 5);
    }

    private AutoClose at(Instant now, StorePolicies policies) {
        return new AutoClose(projection, commandGateway, policies, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(1));
    }

    @Test
    void a_resolved_ticket_is_closed_by_the_system_once_its_stores_delay_has_passed_not_before() {
        Duration sevenDays = TicketTimings.defaults().autoCloseAfter();

        assertThat(at(RESOLVED_AT.plus(sevenDays).minusSeconds(1), StorePolicies.DEFAULTS).sweep()).isZero();
        verify(commandGateway, never()).sendAndWait(any());

        Instant due = RESOLVED_AT.plus(sevenDays);
        assertThat(at(due, StorePolicies.DEFAULTS).sweep()).isEqualTo(1);
        ArgumentCaptor<CloseTicket> sent = ArgumentCaptor.forClass(CloseTicket.class);
        verify(commandGateway).sendAndWait(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new CloseTicket("t-1", true, "system", due, 5L));
    }

    @Test
    void each_store_has_its_own_delay() {
        StorePolicies oneDay = new StorePolicies() {
            @Override
            public CompensationLimits compensation(String storeId) {
                return CompensationLimits.defaults();
            }

            @Override
            public TicketTimings timings(String storeId) {
                TicketTimings defaults = TicketTimings.defaults();
                return new TicketTimings(defaults.photoWindow(), defaults.reopenWindow(), Duration.ofDays(1),
                        defaults.transactionExtensionDays());
            }
        };
        assertThat(at(RESOLVED_AT.plus(Duration.ofDays(1)), oneDay).sweep()).isEqualTo(1);
    }

    @Test
    void a_ticket_another_instance_closed_first_is_skipped_without_failing_the_sweep() {
        when(commandGateway.sendAndWait(any())).thenThrow(new TicketStateConflict("closed", TicketStatus.CLOSED, null));

        assertThat(at(RESOLVED_AT.plus(Duration.ofDays(8)), StorePolicies.DEFAULTS).sweep()).isZero();
        verify(commandGateway, times(1)).sendAndWait(any());
    }
}
