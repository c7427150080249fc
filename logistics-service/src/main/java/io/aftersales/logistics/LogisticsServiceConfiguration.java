package io.aftersales.logistics;

import com.mongodb.client.MongoDatabase;
import io.aftersales.logistics.api.ClaimRules;
import io.aftersales.logistics.api.Warehouse;
import io.aftersales.logistics.messaging.ClaimEventTranslator;
import io.aftersales.logistics.messaging.TicketEventListener;
import io.aftersales.logistics.query.ClaimMetrics;
import io.aftersales.logistics.query.ClaimProjection;
import io.aftersales.logistics.query.ClaimQueries;
import io.aftersales.logistics.warehouse.SandboxWarehouse;
import io.aftersales.platform.messaging.Inbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class LogisticsServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The claim rules' numbers; the weigh check's tolerance in grams. */
    @Bean
    ClaimRules claimRules(@Value("${aftersales.logistics.weight-tolerance-grams:50}") int weightToleranceGrams) {
        return new ClaimRules(weightToleranceGrams);
    }

    /** The warehouse: the platform sandbox's API by default (docs/platform-sandbox.md). */
    @Bean
    Warehouse warehouse(@Value("${aftersales.logistics.warehouse-url:${AFTERSALES_SANDBOX_URL:http://localhost:8090}}") String url,
                        @Value("${aftersales.logistics.warehouse-timeout:5s}") Duration timeout) {
        return new SandboxWarehouse(url, timeout);
    }

    @Bean
    ClaimProjection claimProjection(MongoDatabase serviceDatabase) {
        return new ClaimProjection(serviceDatabase);
    }

    @Bean
    ClaimQueries claimQueries(ClaimProjection claimProjection) {
        return new ClaimQueries(claimProjection);
    }

    @Bean
    ClaimEventTranslator claimEventTranslator() {
        return new ClaimEventTranslator();
    }

    @Bean
    TicketEventListener ticketEventListener(Inbox inbox, CommandGateway commandGateway) {
        return new TicketEventListener(inbox, commandGateway);
    }

    @Bean
    ClaimMetrics claimMetrics(ClaimQueries claimQueries, MeterRegistry meterRegistry, Clock clock,
                              @Value("${aftersales.logistics.metrics-every:30s}") Duration every) {
        return new ClaimMetrics(claimQueries, meterRegistry, clock, every);
    }
}
