package io.aftersales.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base class for Spring Boot integration tests that need MongoDB and Kafka: points
 * {@code spring.data.mongodb.uri} and {@code spring.kafka.bootstrap-servers} at the JVM-wide
 * {@link TestInfrastructure}, and makes the services trust the {@link TestTokens} key (started lazily, shared by all tests, so contexts are cached as usual).
 *
 * <pre>
 * &#64;SpringBootTest
 * class TicketFlowIT extends InfrastructureIntegrationTest { ... }
 * </pre>
 */
public abstract class InfrastructureIntegrationTest {

    static {
        // before the Spring context (and its logging system) starts
        KafkaLogging.quietBrokerLoggers();
    }

    @DynamicPropertySource
    static void infrastructureProperties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", TestInfrastructure::mongoUri);
        registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }
}
