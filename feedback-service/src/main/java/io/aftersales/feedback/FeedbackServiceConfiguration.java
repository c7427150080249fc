package io.aftersales.feedback;

import io.aftersales.feedback.command.DefectRules;
import io.aftersales.platform.axon.ConflictRetries;
import io.aftersales.feedback.messaging.DelistingLatency;
import io.aftersales.feedback.messaging.QualityEventTranslator;
import io.aftersales.feedback.query.DefectRuleQueries;
import io.aftersales.feedback.query.QualityProjection;
import io.aftersales.feedback.query.StockCorrections;
import io.aftersales.feedback.messaging.WrongShipmentListener;
import io.aftersales.platform.messaging.Inbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QualityRulesProperties.class)
class FeedbackServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DefectRules defectRules(QualityRulesProperties properties) {
        return properties.toDefectRules();
    }

    /**
     * Reports of one product batch arrive on different partitions, possibly at two instances at
     * once: the loser of a race gets a concurrency conflict from the event store and the command is
     * retried on the fresh state (exponential back-off with jitter), so no report is lost and the rule decides once.
     */
    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor,
                                  MeterRegistry meterRegistry,
                                  @Value("${aftersales.quality.command-retries:12}") int maxRetries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetries(commandRetryExecutor, maxRetries, meterRegistry))
                .build();
    }

    /**
     * Product batches stay in memory between reports: a hot batch (hundreds of reports at once) is
     * not reloaded from its whole stream for every report. Safe with two instances: a cached batch
     * that another instance moved on fails its append on the store's (aggregate, sequence)
     * uniqueness, the failed unit of work evicts it, and the retry loads it afresh.
     */
    @Bean
    Cache productBatchCache() {
        return new WeakReferenceCache();
    }

    @Bean
    DefectRuleQueries defectRuleQueries(DefectRules defectRules) {
        return new DefectRuleQueries(defectRules.all());
    }

    @Bean
    QualityEventTranslator qualityEventTranslator() {
        return new QualityEventTranslator();
    }

    @Bean
    DelistingLatency delistingLatency(MeterRegistry meterRegistry) {
        return new DelistingLatency(meterRegistry);
    }

    @Bean
    StockCorrections stockCorrections(MongoDatabase serviceDatabase) {
        return new StockCorrections(serviceDatabase);
    }

    @Bean
    WrongShipmentListener wrongShipmentListener(Inbox inbox, CommandGateway commandGateway, Clock clock) {
        return new WrongShipmentListener(inbox, commandGateway, clock);
    }

    @Bean
    QualityProjection qualityProjection(MongoDatabase serviceDatabase, MeterRegistry meterRegistry) {
        QualityProjection projection = new QualityProjection(serviceDatabase);
        Gauge.builder("aftersales_delistings_active", projection, QualityProjection::countActiveDelistings)
                .description("Products currently delisted because of a batch defect (incidents not yet relisted)")
                .register(meterRegistry);
        return projection;
    }
}
