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

/**
 * Features talk through small public services: no cycles, no reaching into another feature's
 * repositories, and every table written by exactly one feature, in JDBC as in JPA.
 */
class ArchitectureTest {

    /** Each table and the feature that owns it: the only one that writes it. Other features call its service. */
    static final java.util.Map<String, String> OWNERS = java.util.Map.ofEntries(
            java.util.Map.entry("libraries", "catalog"), java.util.Map.entry("files", "catalog"),
            java.util.Map.entry("file_metadata", "catalog"), java.util.Map.entry("items", "catalog"),
            java.util.Map.entry("people", "catalog"), java.util.Map.entry("item_people", "catalog"),
            java.util.Map.entry("studios", "catalog"), java.util.Map.entry("tags", "catalog"),
            java.util.Map.entry("item_tags", "catalog"), java.util.Map.entry("collections", "catalog"),
            java.util.Map.entry("collection_items", "catalog"), java.util.Map.entry("duplicates", "dedup"),
            java.util.Map.entry("user_decisions", "decisions"), java.util.Map.entry("analysis_plans", "plans"),
            java.util.Map.entry("plan_changes", "plans"), java.util.Map.entry("jobs", "jobs"),
            java.util.Map.entry("job_files", "jobs"), java.util.Map.entry("settings", "settings"),
            java.util.Map.entry("scheduled_tasks", "settings"), java.util.Map.entry("users", "accounts"),
            java.util.Map.entry("reviews", "reviews"), java.util.Map.entry("user_favorites", "reviews"),
            java.util.Map.entry("item_search", "search"), java.util.Map.entry("item_search_queue", "search"),
            java.util.Map.entry("trash_entries", "trash"), java.util.Map.entry("thumbnails", "thumbs"),
            java.util.Map.entry("user_libraries", "accounts"), java.util.Map.entry("api_tokens", "accounts"),
            java.util.Map.entry("spring_session", "accounts"), java.util.Map.entry("spring_session_attributes", "accounts"),
            java.util.Map.entry("item_field_locks", "catalog"), java.util.Map.entry("person_aliases", "catalog"),
            java.util.Map.entry("scheduler_executions", "schedules"), java.util.Map.entry("organize_settings", "organize"),
            java.util.Map.entry("organize_runs", "organize"), java.util.Map.entry("organize_moves", "organize"),
            java.util.Map.entry("suspended_indexes", "db"));

    private static final java.util.regex.Pattern WRITE = java.util.regex.Pattern.compile(
            "\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)\\b");

    /** JDBC: every INSERT, UPDATE and DELETE in the main sources names a table its own feature owns. */
    @Test
    void everyTableIsWrittenOnlyByTheFeatureThatOwnsIt() throws java.io.IOException {
        java.nio.file.Path sources = java.nio.file.Path.of("src/main/java/org/archivist");
        java.util.List<String> violations = new java.util.ArrayList<>();
        int writes = 0;
        try (var files = java.nio.file.Files.walk(sources)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String feature = sources.relativize(file).getName(0).toString();
                String text = java.nio.file.Files.readString(file);
                java.util.regex.Matcher write = WRITE.matcher(text);
                while (write.find()) {
                    writes++;
                    String table = write.group(1);
                    String owner = OWNERS.get(table);
                    if (owner == null) {
                        violations.add(file + ": writes " + table + ", which has no owner in ArchitectureTest.OWNERS");
                    } else if (!owner.equals(feature) && !feature.equals("db")) {
                        violations.add(file + ": writes " + table + ", owned by " + owner + " (call its service)");
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(writes).as("the pattern finds the writes").isGreaterThan(20);
        org.assertj.core.api.Assertions.assertThat(violations).isEmpty();
    }

    /** JPA: an entity lives in the feature that owns its table, whose repositories only it may use. */
    @Test
    void everyEntityLivesInTheFeatureThatOwnsItsTable() {
        classes().that().areAnnotatedWith(jakarta.persistence.Table.class)
                .should(new ArchCondition<>("live in the feature that owns their table") {
                    @Override
                    public void check(JavaClass entity, ConditionEvents events) {
                        String table = entity.getAnnotationOfType(jakarta.persistence.Table.class).name();
                        String feature = entity.getPackageName().substring("org.archivist.".length()).split("\\.")[0];
                        String owner = OWNERS.get(table);
                        if (!feature.equals(owner)) {
                            events.add(SimpleConditionEvent.violated(entity, entity.getName() + " maps " + table + ", owned by " + owner));
                        }
                    }
                })
                .check(CLASSES);
    }

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
