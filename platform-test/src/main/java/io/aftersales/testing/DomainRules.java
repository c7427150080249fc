package io.aftersales.testing;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout rule every service follows: the decisions ({@code api} and {@code command}: commands,
 * events, aggregates, policies) import no Spring, Kafka or MongoDB and none of the service's
 * adapters, so they can be read and tested on their own.
 */
public final class DomainRules {

    private DomainRules() {
    }

    public static ArchRule domainIsFreeOfFrameworksAndAdapters(String servicePackage) {
        return noClasses()
                .that().resideInAnyPackage(servicePackage + ".api..", servicePackage + ".command..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.apache.kafka..", "com.mongodb..", "org.bson..",
                        "io.aftersales.platform..", "io.aftersales.contracts..",
                        servicePackage + ".web..", servicePackage + ".messaging..", servicePackage + ".query..")
                .allowEmptyShould(true);
    }
}
