package org.archivist.plans;

import java.time.Instant;
import java.util.Map;

import org.archivist.catalog.FileService;
import org.archivist.catalog.LibraryService;
import org.archivist.db.Instants;
import org.archivist.jobs.JobCompleted;
import org.archivist.scan.ScanService;
import org.archivist.settings.SettingsSchemas;
import org.archivist.settings.SettingsService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * In {@code archivist serve}: a finished scan that found an XMP sidecar new or changed since the
 * last look queues the {@code xmp_sidecars} analysis for that library, so that edits made in
 * digiKam, darktable or Lightroom arrive by themselves as a plan to review (never as changes). An
 * analysis that finds nothing new (sidecars Archivist itself wrote) leaves no plan. The last look
 * per library is the setting {@code plans.sidecars_read_at}.
 */
@Component
@ConditionalOnProperty(name = "archivist.workers", havingValue = "true")
class SidecarEditsFollowUp {

    static final String READ_AT = "plans.sidecars_read_at";

    private final FileService files;
    private final LibraryService libraries;
    private final SettingsService settings;
    private final AnalysisService analyses;
    private final JsonMapper json = JsonMapper.builder().build();

    SidecarEditsFollowUp(FileService files, LibraryService libraries, SettingsService settings, AnalysisService analyses) {
        this.files = files;
        this.libraries = libraries;
        this.settings = settings;
        this.analyses = analyses;
    }

    @EventListener
    void completed(JobCompleted completed) {
        if (!(completed.spec() instanceof ScanService.ScanJob scan)) return;
        long library = scan.libraryId();
        ObjectNode readAt = settings.value(READ_AT).filter(v -> v.isObject()).map(v -> (ObjectNode) v.deepCopy()).orElseGet(json::createObjectNode);
        String key = String.valueOf(library);
        Instant since = readAt.has(key) && readAt.get(key).isString() ? Instant.parse(readAt.get(key).asString()) : null;
        if (!files.sidecarsChangedSince(library, since)) return;
        // The look is noted before the analysis reads: a sidecar changed while it runs is looked at again after the next scan.
        readAt.put(key, Instants.now().toString());
        settings.put(new SettingsSchemas.SettingCreate(READ_AT, readAt, "When each library's XMP sidecars were last read for edits"));
        String name = "Edits in XMP sidecars of " + libraries.get(library).getName();
        analyses.submit(new AnalysisService.AnalysisJob(name, AnalysisSettings.of(library, Map.of(XmpSidecarRule.NAME, json.createObjectNode()), null, null),
                null, true));
    }
}
