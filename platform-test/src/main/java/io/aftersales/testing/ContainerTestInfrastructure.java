package io.aftersales.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Real servers in Docker containers started with Testcontainers: {@value TestInfrastructure#MONGO_IMAGE}
 * as a single-node replica set and {@value TestInfrastructure#KAFKA_IMAGE}. Testcontainers removes
 * them when the JVM exits.
 */
final class ContainerTestInfrastructure implements TestInfrastructureBackend {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerTestInfrastructure.class);

    private MongoDBContainer mongo;
    private KafkaContainer kafka;
    private boolean kafkaPaused;

    @Override
    public TestInfrastructure.Mode mode() {
        return TestInfrastructure.Mode.CONTAINERS;
    }

    @Override
    public synchronized String mongoUri() {
        if (mongo == null) {
            long started = System.nanoTime();
            MongoDBContainer container = new MongoDBContainer(DockerImageName.parse(TestInfrastructure.MONGO_IMAGE));
            container.start();
            mongo = container;
            LOG.info("test MongoDB container {} started at {} in {} ms", TestInfrastructure.MONGO_IMAGE,
                    container.getReplicaSetUrl(), TestInfrastructure.millisSince(started));
        }
        return mongo.getReplicaSetUrl();
    }

    @Override
    public synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            long started = System.nanoTime();
            KafkaContainer container = new KafkaContainer(DockerImageName.parse(TestInfrastructure.KAFKA_IMAGE))
                    .withEnv("KAFKA_NUM_PARTITIONS", "3")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            container.start();
            kafka = container;
            LOG.info("test Kafka container {} started at {} in {} ms", TestInfrastructure.KAFKA_IMAGE,
                    container.getBootstrapServers(), TestInfrastructure.millisSince(started));
        }
        return kafka.getBootstrapServers();
    }

    /** Pauses the container (its processes are frozen); its address and data are kept. */
    @Override
    public synchronized void stopKafka() {
        kafkaBootstrapServers();
        if (!kafkaPaused) {
            kafka.getDockerClient().pauseContainerCmd(kafka.getContainerId()).exec();
            kafkaPaused = true;
            LOG.info("test Kafka container paused");
        }
    }

    @Override
    public synchronized void startKafka() {
        if (kafka == null) {
            kafkaBootstrapServers();
        } else if (kafkaPaused) {
            kafka.getDockerClient().unpauseContainerCmd(kafka.getContainerId()).exec();
            kafkaPaused = false;
            LOG.info("test Kafka container unpaused");
        }
    }

    @Override
    public synchronized boolean isKafkaRunning() {
        return kafka != null && !kafkaPaused;
    }
}
