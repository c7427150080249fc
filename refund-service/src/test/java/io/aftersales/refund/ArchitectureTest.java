package io.aftersales.refund;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.aftersales.testing.DomainRules;

@AnalyzeClasses(packages = "io.aftersales.refund", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domain_is_free_of_frameworks_and_adapters =
            DomainRules.domainIsFreeOfFrameworksAndAdapters("io.aftersales.refund");

    @ArchTest
    static final ArchRule adapters_reach_the_domain_only_through_its_messages =
            DomainRules.adaptersReachTheDomainOnlyThroughItsMessages("io.aftersales.refund");

    @ArchTest
    static final ArchRule read_models_do_not_use_the_command_side =
            DomainRules.readModelsDoNotUseTheCommandSide("io.aftersales.refund");
}
