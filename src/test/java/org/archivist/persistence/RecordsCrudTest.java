package org.archivist.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.archivist.catalog.CatalogFile;
import org.archivist.catalog.FileSchemas;
import org.archivist.catalog.Library;
import org.archivist.catalog.LibrarySchemas;
import org.archivist.catalog.MediaType;
import org.archivist.dedup.Duplicate;
import org.archivist.dedup.DuplicateSchemas;
import org.archivist.dedup.MatchType;
import org.archivist.decisions.DecisionSchemas;
import org.archivist.decisions.DecisionType;
import org.archivist.decisions.UserDecision;
import org.archivist.jobs.JobSchemas;
import org.archivist.jobs.JobService;
import org.archivist.settings.ScheduledTask;
import org.archivist.settings.SettingsSchemas;
import org.archivist.settings.SettingsService;
import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Duplicates, decisions, settings and scheduled tasks: written through JPA and read back on both engines. */
class RecordsCrudTest extends EngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void duplicatesAndDecisionsRoundTrip() {
        var em = context.getBean(jakarta.persistence.EntityManagerFactory.class);
        Long[] ids = inTransaction(() -> {
            var manager = org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(em);
            Library library = new Library(unique("lib"), "/" + unique("root"));
            manager.persist(library);
            CatalogFile original = new CatalogFile(library, "a.jpg", 5, Instant.now(), MediaType.IMAGE);
            CatalogFile copy = new CatalogFile(library, "a copy.jpg", 5, Instant.now(), MediaType.IMAGE);
            manager.persist(original);
            manager.persist(copy);
            Duplicate duplicate = new Duplicate(copy, original, MatchType.PERCEPTUAL, 1 - 3 / 64.0);
            manager.persist(duplicate);
            UserDecision decision = new UserDecision(copy, null, DecisionType.NOT_DUPLICATE,
                    Map.of("other_file_id", original.getId(), "note", "different crop"));
            manager.persist(decision);
            return new Long[] {duplicate.getId(), decision.getId(), original.getId(), copy.getId()};
        });
        inTransaction(() -> {
            var manager = org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(em);
            Duplicate duplicate = manager.find(Duplicate.class, ids[0]);
            assertThat(DuplicateSchemas.Response.of(duplicate)).satisfies(r -> {
                assertThat(r.matchType()).isEqualTo(MatchType.PERCEPTUAL);
                assertThat(r.similarity()).isEqualTo(0.953125);
                assertThat(r.duplicateOfId()).isEqualTo(ids[2]);
            });
            UserDecision decision = manager.find(UserDecision.class, ids[1]);
            assertThat(decision.getDecisionValue()).containsEntry("note", "different crop");
            decision.markApplied();
            assertThat(DecisionSchemas.Response.of(decision).decisionType()).isEqualTo(DecisionType.NOT_DUPLICATE);
        });
        inTransaction(() -> {
            var manager = org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(em);
            assertThat(manager.find(UserDecision.class, ids[1]).getAppliedAt()).isNotNull();
            manager.remove(manager.find(Duplicate.class, ids[0]));
        });
        assertThat(jdbc().queryForObject("SELECT count(*) FROM duplicates WHERE id = ?", Long.class, ids[0])).isZero();
    }

    @Test
    void settingsAndScheduledTasksRoundTrip() {
        SettingsService settings = bean(SettingsService.class);
        String key = "test." + System.nanoTime();
        settings.put(new SettingsSchemas.SettingCreate(key, JSON.valueToTree(Map.of("threshold", 10, "kinds", List.of("jpg"))), "x"));
        assertThat(settings.value(key).orElseThrow().get("threshold").asInt()).isEqualTo(10);
        settings.put(new SettingsSchemas.SettingCreate(key, JSON.valueToTree(12), null));
        assertThat(settings.value(key).orElseThrow().asInt()).isEqualTo(12);

        var job = bean(JobService.class).enqueue(new JobSchemas.Create("scan", Map.of(), null, null));
        String name = unique("nightly");
        ScheduledTask task = settings.createTask(new SettingsSchemas.TaskCreate(name, "scan", "30 2 * * *", Map.of("library", "photos"), true),
                Instant.parse("2026-06-01T12:00:00Z"), ZoneId.of("UTC"));
        assertThat(task.getNextRun()).isEqualTo(Instant.parse("2026-06-02T02:30:00Z"));
        inTransaction(() -> {
            ScheduledTask managed = settings.task(name).orElseThrow();
            managed.recordRun(bean(org.archivist.jobs.JobService.class).get(job.getId()), Instant.now());
            managed.setSchedule("@hourly");
            context.getBean(jakarta.persistence.EntityManager.class).merge(managed);
        });
        SettingsSchemas.TaskResponse read = inTransaction(() -> SettingsSchemas.TaskResponse.of(settings.task(name).orElseThrow()));
        assertThat(read.lastJobId()).isEqualTo(job.getId());
        assertThat(read.schedule()).isEqualTo("@hourly");
        assertThat(read.config()).containsEntry("library", "photos");
    }

    @Test
    void responsesCanBeBuiltForLibrariesAndFiles() {
        Long fileId = inTransaction(() -> {
            var manager = context.getBean(jakarta.persistence.EntityManager.class);
            Library library = new Library(unique("lib"), "/" + unique("root"));
            manager.persist(library);
            CatalogFile file = new CatalogFile(library, "doc/manual.pdf", 99, Instant.now(), MediaType.DOCUMENT);
            manager.persist(file);
            assertThat(LibrarySchemas.Response.of(library, 0).name()).isEqualTo(library.getName());
            return file.getId();
        });
        FileSchemas.Response response = inTransaction(() -> FileSchemas.Response.of(
                context.getBean(jakarta.persistence.EntityManager.class).find(CatalogFile.class, fileId)));
        assertThat(response.fileName()).isEqualTo("manual.pdf");
        assertThat(response.metadata()).isNull();
    }
}
