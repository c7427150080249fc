package io.aftersales.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoTest {

    private static final String EXPOSITION = """
            # HELP aftersales_tickets_opened_total Tickets opened
            # TYPE aftersales_tickets_opened_total counter
            aftersales_tickets_opened_total{application="ticket-service",platform="TMALL",store="a"} 3.0
            aftersales_tickets_opened_total{application="ticket-service",platform="JD",store="b"} 2.0
            aftersales_tickets_open{application="ticket-service",state="NEW",store="a"} 4.0
            aftersales_refunds_paid_amount_sum{application="refund-service",currency="CNY"} 259.5
            aftersales_relay_lag_seconds_max{application="ticket-service"} NaN
            aftersales_dead_letters 0.0
            """;

    @Test
    void a_dashboard_series_is_summed_over_its_tags_as_prometheus_sum_would() {
        assertThat(Demo.total(EXPOSITION, "aftersales_tickets_opened_total")).isEqualTo("5");
        assertThat(Demo.total(EXPOSITION, "aftersales_refunds_paid_amount_sum")).isEqualTo("259.50");
        assertThat(Demo.total(EXPOSITION, "aftersales_dead_letters")).isEqualTo("0");
    }

    @Test
    void a_series_is_not_confused_with_another_whose_name_it_begins() {
        assertThat(Demo.total(EXPOSITION, "aftersales_tickets_open")).isEqualTo("4");
    }

    @Test
    void a_series_without_samples_or_only_nan_shows_a_dash() {
        assertThat(Demo.total(EXPOSITION, "aftersales_claims_open")).isEqualTo("-");
        assertThat(Demo.total(EXPOSITION, "aftersales_relay_lag_seconds_max")).isEqualTo("-");
    }
}
