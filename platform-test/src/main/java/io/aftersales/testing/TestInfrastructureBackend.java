package io.aftersales.testing;

/**
 * What {@link TestInfrastructure} runs on, chosen once per JVM: the embedded servers
 * ({@link EmbeddedTestInfrastructure}) or Testcontainers ({@link ContainerTestInfrastructure}).
 * Both start MongoDB and Kafka lazily and independently, and are thread-safe.
 */
sealed interface TestInfrastructureBackend permits EmbeddedTestInfrastructure, ContainerTestInfrastructure {

    TestInfrastructure.Mode mode();

    /** A MongoDB connection string without credentials. Starts MongoDB on first call. */
    String mongoUri();

    /** {@code host:port} of the Kafka broker. Starts Kafka on first call; stable across {@link #stopKafka()}/{@link #startKafka()}. */
    String kafkaBootstrapServers();

    /** Makes Kafka unreachable, keeping its address and data; starts it first if it never ran. */
    void stopKafka();

    /** Makes Kafka reachable again at the same address, with all earlier topics, records and offsets. */
    void startKafka();

    /** Whether Kafka is started and not stopped by {@link #stopKafka()}. */
    boolean isKafkaRunning();
}
