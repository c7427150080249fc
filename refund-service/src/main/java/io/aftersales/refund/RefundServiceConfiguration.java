package io.aftersales.refund;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.messaging.Inbox;
import io.aftersales.refund.api.StoreRefundPolicy;
import io.aftersales.refund.command.OrderLineLedger;
import io.aftersales.refund.command.PlatformPayments;
import io.aftersales.refund.command.Refund;
import io.aftersales.refund.command.RefundAgreements;
import io.aftersales.refund.messaging.LedgerReleases;
import io.aftersales.refund.messaging.PaidRefundClosing;
import io.aftersales.refund.messaging.PayoutRequests;
import io.aftersales.refund.messaging.RefundEventTranslator;
import io.aftersales.refund.messaging.ResolutionListener;
import io.aftersales.refund.query.RefundQueries;
import io.aftersales.refund.query.RefundSummaryProjection;
import io.aftersales.refund.sandbox.PayoutFaultInjection;
import io.aftersales.refund.sandbox.SandboxClient;
import io.aftersales.refund.sandbox.SandboxSignature;
import io.aftersales.refund.query.RefundMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

@Configuration(proxyBeanMethods = false)
class RefundServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The refund's id from the command ({@code @TargetAggregateIdentifier}); the version the caller
     * expects (the web's If-Match) from the meta-data, so the commands stay the domain's.
     */
    @Bean
    CommandTargetResolver refundCommandTargetResolver() {
        AnnotationCommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return new CommandTargetResolver() {
            @Override
            public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
                VersionedAggregateIdentifier target = annotated.resolveTarget(command);
                Object expected = command.getMetaData().get(RefundAgreements.EXPECTED_VERSION);
                return new VersionedAggregateIdentifier(target.getIdentifier(),
                        expected instanceof Number n ? n.longValue() : null);
            }
        };
    }

    @Bean
    RefundAgreements refundAgreements(Repository<Refund> refundRepository,
                                      Repository<OrderLineLedger> orderLineLedgerRepository) {
        return new RefundAgreements(refundRepository, orderLineLedgerRepository);
    }

    @Bean
    RefundQueries refundQueries(EventStore eventStore) {
        return new RefundQueries(eventStore);
    }

    @Bean
    RefundSummaryProjection refundSummaryProjection(MongoDatabase serviceDatabase, RefundQueries refundQueries) {
        return new RefundSummaryProjection(serviceDatabase, refundQueries);
    }

    @Bean
    RefundEventTranslator refundEventTranslator(RefundQueries refundQueries) {
        return new RefundEventTranslator(refundQueries);
    }

    @Bean
    ResolutionListener resolutionListener(Inbox inbox, CommandGateway commandGateway,
                                          Function<String, StoreRefundPolicy> storeRefundPolicies,
                                          RefundSummaryProjection refundSummaryProjection) {
        return new ResolutionListener(inbox, commandGateway, storeRefundPolicies, refundSummaryProjection);
    }

    @Bean
    PayoutRequests payoutRequests(CommandGateway commandGateway, Clock clock) {
        return new PayoutRequests(commandGateway, clock);
    }

    @Bean
    PlatformPayments platformPayments(Repository<Refund> refundRepository,
                                      Repository<OrderLineLedger> orderLineLedgerRepository) {
        return new PlatformPayments(refundRepository, orderLineLedgerRepository);
    }

    /**
     * Paid refunds close once the platform settled them: {@code aftersales.refunds.closing.after-paid}
     * after the payment (default a day), swept every {@code aftersales.refunds.closing.every}.
     */
    @Bean
    PaidRefundClosing paidRefundClosing(CommandGateway commandGateway, RefundSummaryProjection refundSummaryProjection,
                                        RefundQueries refundQueries, Clock clock,
                                        @Value("${aftersales.refunds.closing.after-paid:P1D}") Duration afterPaid,
                                        @Value("${aftersales.refunds.closing.every:PT1M}") Duration every) {
        return new PaidRefundClosing(commandGateway, refundSummaryProjection, refundQueries, clock, afterPaid, every);
    }

    @Bean
    LedgerReleases ledgerReleases(CommandGateway commandGateway, RefundQueries refundQueries) {
        return new LedgerReleases(commandGateway, refundQueries);
    }

    /**
     * A payout the platform cannot take now is retried by its processor, never skipped; so is a
     * release the ledger could not record (another refund on the line committed first).
     */
    @Bean
    ConfigurerModule payoutRetries() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(PayoutRequests.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(LedgerReleases.PROCESSING_GROUP,
                        c -> PropagatingErrorHandler.instance()));
    }

    /** The platforms, the warehouse and the couriers: the platform sandbox's HTTP API (docs/platform-sandbox.md). */
    @Bean
    SandboxClient sandboxClient(@Value("${aftersales.sandbox.url:http://localhost:8090}") URI url,
                                Environment environment,
                                @Value("${aftersales.sandbox.connect-timeout:2s}") Duration connectTimeout,
                                @Value("${aftersales.sandbox.timeout:5s}") Duration timeout,
                                ObjectMapper objectMapper,
                                @Value("${aftersales.refunds.fault-injection.halt-at:}") String haltAt,
                                @Value("${aftersales.refunds.fault-injection.store:}") String haltStore) {
        // this service's notification endpoint: configured, or this instance's own port (known once it serves)
        Supplier<String> notifyUrl = () -> environment.getProperty("aftersales.sandbox.notify-url",
                "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8082")) + "/api/v1/platform-notifications/payouts");
        // a test hook, off unless configured (docs/testing.md): halts the process at one step of the payout path
        return new SandboxClient(url, notifyUrl, connectTimeout, timeout, objectMapper,
                PayoutFaultInjection.of(haltAt, haltStore));
    }

    @Bean
    SandboxSignature sandboxSignature(@Value("${aftersales.sandbox.secret:sandbox-secret}") String secret) {
        return new SandboxSignature(secret);
    }

    @Bean
    RefundMetrics refundMetrics(MeterRegistry meterRegistry, RefundQueries refundQueries,
                                MongoDatabase serviceDatabase) {
        return new RefundMetrics(meterRegistry, refundQueries, serviceDatabase);
    }

    /**
     * The platform's payout notifications carry no token: they are verified by their
     * {@code X-Sandbox-Signature} in the controller (401 otherwise). Only that path; everything else
     * stays behind the platform's token check.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain platformNotifications(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST,
                        "/api/v1/platform-notifications/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }
}
