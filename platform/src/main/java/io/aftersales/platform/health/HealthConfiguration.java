package io.aftersales.platform.health;

import com.mongodb.client.MongoDatabase;
import io.aftersales.platform.axon.AxonMongoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

@AutoConfiguration(after = AxonMongoConfiguration.class)
public class HealthConfiguration {

    @Bean(name = "mongoHealthIndicator")
    public MongoHealthIndicator mongoHealthIndicator(MongoDatabase serviceDatabase) {
        return new MongoHealthIndicator(serviceDatabase);
    }
}
