package io.aftersales.testing;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * The embedded Kafka broker runs in the test JVM and logs a lot at INFO. This turns its own
 * loggers down to WARN, both for Spring Boot tests (as {@code logging.level.*} system properties,
 * which Spring Boot applies when it initialises logging) and for plain tests using logback.
 * A level already set as a system property is left alone, so {@code -Dlogging.level.kafka=INFO}
 * brings the logs back. Kafka client loggers ({@code org.apache.kafka.clients}) are not touched.
 */
final class KafkaLogging {

    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.storage",
            "org.apache.kafka.server",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.security",
            "org.apache.kafka.common.network",
            "org.apache.kafka.common.security",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.zookeeper",
            "de.bwaldvogel.mongo");

    private static volatile boolean done;

    private KafkaLogging() {
    }

    static void quietBrokerLoggers() {
        if (done) {
            return;
        }
        done = true;
        for (String logger : BROKER_LOGGERS) {
            String property = "logging.level." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "WARN");
            }
            setLogbackLevel(logger, System.getProperty(property));
        }
    }

    private static void setLogbackLevel(String logger, String level) {
        try {
            if (LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger logbackLogger
                    && logbackLogger.getLevel() == null) {
                logbackLogger.setLevel(ch.qos.logback.classic.Level.toLevel(level, ch.qos.logback.classic.Level.WARN));
            }
        } catch (LinkageError noLogback) {
            // another SLF4J binding: only the system properties apply
        }
    }
}
