package io.aftersales.testing;

import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layout rules every service follows, given its root package. The decisions ({@code api} and
 * {@code command}: commands, events, aggregates, policies) import no Spring, Kafka or MongoDB and none of
 * the service's adapters, so they can be read and tested on their own; the adapters ({@code web},
 * {@code messaging}) reach the decisions only through the {@code api} messages; read models ({@code query})
 * are built from events, never from the aggregates.
 *
 * <p>The rules allow an empty package, so a skeleton service passes; {@code DomainRulesTest} shows each
 * rule failing on a deliberate violation, so passing is never vacuous.
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
                .as("api and command of " + servicePackage + " are free of Spring, Kafka, MongoDB and the adapters")
                .allowEmptyShould(true);
    }

    public static ArchRule adaptersReachTheDomainOnlyThroughItsMessages(String servicePackage) {
        return noClasses()
                .that().resideInAnyPackage(servicePackage + ".web..", servicePackage + ".messaging..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".command..")
                .as("web and messaging of " + servicePackage + " use api messages, not command internals")
                .allowEmptyShould(true);
    }

    public static ArchRule readModelsDoNotUseTheCommandSide(String servicePackage) {
        return noClasses()
                .that().resideInAnyPackage(servicePackage + ".query..")
                .should().dependOnClassesThat().resideInAnyPackage(servicePackage + ".command..")
                .as("query of " + servicePackage + " does not import command")
                .allowEmptyShould(true);
    }
}
