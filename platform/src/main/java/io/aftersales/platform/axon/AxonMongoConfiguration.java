package io.aftersales.platform.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.eventstore.MongoEventStorageEngine;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Puts Axon's event store, token store and saga store in the service's own MongoDB database.
 * Wired by hand because axon-mongo's Boot starter stops at Axon 4.10 and would register a Mongo
 * transaction manager; every write here is a single-document (or ordered batch) write instead.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class)
@AutoConfigureBefore(name = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties({MongoProperties.class, EventStoreProperties.class})
public class AxonMongoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase serviceDatabase(MongoClient mongoClient, MongoProperties properties) {
        return mongoClient.getDatabase(properties.getMongoClientDatabase());
    }

    @Bean
    @ConditionalOnMissingBean
    public MongoTemplate axonMongoTemplate(MongoDatabase serviceDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(serviceDatabase).build();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventStorageEngine eventStorageEngine(MongoDatabase serviceDatabase,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ObjectProvider<EventUpcaster> upcasters,
                                                 EventStoreProperties properties) {
        return MongoEventStorageEngine.builder()
                .mongoDatabase(serviceDatabase)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .gapTimeout(properties.gapTimeout())
                .writeConcern(properties.eventWriteConcern())
                .readConcern(properties.eventReadConcern())
                .batchSize(properties.batchSize())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 EventStoreProperties properties, TransactionManager transactionManager) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(properties.tokenClaimTimeout())
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                       TransactionManager transactionManager) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .build();
    }
}
