package io.aftersales.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureTest {

    @Test
    void defaults() {
        EmbeddedInfrastructure.Options options = EmbeddedInfrastructure.Options.parse(new String[0], Map.of());
        assertThat(options.dataDir).isEqualTo(Path.of("./data"));
        assertThat(options.kafkaPort).isEqualTo(9092);
        assertThat(options.kafkaControllerPort).isEqualTo(9093);
        assertThat(options.mongoPort).isEqualTo(27017);
    }

    @Test
    void environmentThenArguments() {
        Map<String, String> env = Map.of("AFTERSALES_DATA_DIR", "/var/aftersales", "AFTERSALES_KAFKA_PORT", "19092",
                "AFTERSALES_MONGO_PORT", "27018");
        EmbeddedInfrastructure.Options fromEnv = EmbeddedInfrastructure.Options.parse(new String[0], env);
        assertThat(fromEnv.dataDir).isEqualTo(Path.of("/var/aftersales"));
        assertThat(fromEnv.kafkaPort).isEqualTo(19092);
        assertThat(fromEnv.kafkaControllerPort).isEqualTo(19093);
        assertThat(fromEnv.mongoPort).isEqualTo(27018);

        EmbeddedInfrastructure.Options fromArgs = EmbeddedInfrastructure.Options.parse(new String[] {
                "--data-dir=/tmp/x", "--kafka-port=29092", "--kafka-controller-port=29999", "--mongo-port=29017"}, env);
        assertThat(fromArgs.dataDir).isEqualTo(Path.of("/tmp/x"));
        assertThat(fromArgs.kafkaPort).isEqualTo(29092);
        assertThat(fromArgs.kafkaControllerPort).isEqualTo(29999);
        assertThat(fromArgs.mongoPort).isEqualTo(29017);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> EmbeddedInfrastructure.Options.parse(new String[] {"--kafka-port=abc"}, Map.of()))
                .hasMessageContaining("Kafka port");
        assertThatThrownBy(() -> EmbeddedInfrastructure.Options.parse(new String[] {"--nope=1"}, Map.of()))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> EmbeddedInfrastructure.Options.parse(new String[] {"--mongo-port=9092"}, Map.of()))
                .hasMessageContaining("must differ");
    }

    @Test
    void layoutUnderTheDataDirectory() {
        EmbeddedInfrastructure infrastructure = new EmbeddedInfrastructure(Path.of("/tmp/aftersales-data"), 19092, 19093, 27018);
        assertThat(infrastructure.kafka().dataDir()).isEqualTo(Path.of("/tmp/aftersales-data/kafka"));
        assertThat(infrastructure.mongo().file().getParent()).isEqualTo(Path.of("/tmp/aftersales-data/mongo"));
        assertThat(infrastructure.readyLine())
                .startsWith(EmbeddedInfrastructure.READY_PREFIX + " kafka=localhost:19092 mongodb=mongodb://localhost:27018");
    }
}
