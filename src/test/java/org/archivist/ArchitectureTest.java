package org.archivist;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

/** Features talk through small public services: no cycles, no reaching into another feature's repositories. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.archivist");

    @Test
    void featuresHaveNoCycles() {
        slices().matching("org.archivist.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void repositoriesAreUsedOnlyInsideTheirFeature() {
        classes().that().areAssignableTo(Repository.class)
                .should(new ArchCondition<>("be used only by classes of their own package") {
                    @Override
                    public void check(JavaClass repository, ConditionEvents events) {
                        repository.getDirectDependenciesToSelf().stream()
                                .filter(dependency -> !dependency.getOriginClass().getPackageName().equals(repository.getPackageName()))
                                .forEach(dependency -> events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
                    }
                })
                .check(CLASSES);
    }

    @Test
    void onlyTheCommandLineAndTheLauncherDependOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("org.archivist.cli..")
                .and(DescribedPredicate.describe("are not the launcher", (JavaClass c) -> !c.getSimpleName().equals("ArchivistApplication")))
                .should().dependOnClassesThat().resideInAPackage("org.archivist.cli..")
                .check(CLASSES);
    }
}
