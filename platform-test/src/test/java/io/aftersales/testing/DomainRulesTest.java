package io.aftersales.testing;

import java.util.List;
import java.util.function.Function;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each layout rule passes on a service shaped right and fails on the violation it exists for. */
class DomainRulesTest {

    private static final String VIOLATING = "io.aftersales.testing.layout.violating";
    private static final String CLEAN = "io.aftersales.testing.layout.clean";

    record Case(String rule, Function<String, ArchRule> build, String offender) {
        @Override
        public String toString() {
            return rule;
        }
    }

    static List<Case> rules() {
        return List.of(
                new Case("domain is free of frameworks and adapters",
                        DomainRules::domainIsFreeOfFrameworksAndAdapters, "SpringAwareAggregate"),
                new Case("adapters reach the domain only through its messages",
                        DomainRules::adaptersReachTheDomainOnlyThroughItsMessages, "ControllerUsingTheAggregate"),
                new Case("adapters reach the domain only through its messages (listener)",
                        DomainRules::adaptersReachTheDomainOnlyThroughItsMessages, "ListenerUsingTheAggregate"),
                new Case("read models do not use the command side",
                        DomainRules::readModelsDoNotUseTheCommandSide, "ProjectionUsingTheAggregate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_fails_on_its_violation(Case rule) {
        EvaluationResult result = rule.build().apply(VIOLATING).evaluate(classes(VIOLATING));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(rule.offender()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void the_rule_passes_on_a_service_shaped_right(Case rule) {
        EvaluationResult result = rule.build().apply(CLEAN).evaluate(classes(CLEAN));

        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    private static JavaClasses classes(String root) {
        return new ClassFileImporter().importPackages(root);
    }
}
