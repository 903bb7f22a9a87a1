package org.archivist.plans;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.archivist.catalog.Library;
import org.archivist.catalog.LibraryService;
import org.archivist.organize.XmpSidecars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a file's XMP sidecar says that the catalogue does not: tags, a title and a capture date
 * given in digiKam, darktable, Lightroom or by Archivist's own sidecar writer and edited since. Edits
 * made in other tools arrive as proposals, never as silent changes. A sidecar that is not XMP is
 * logged and passed over.
 */
@Component
class XmpSidecarRule implements AnalysisRule {

    static final String NAME = "xmp_sidecars";
    private static final Logger log = LoggerFactory.getLogger(XmpSidecarRule.class);

    record Settings(Double confidence) {
    }

    private final LibraryService libraries;

    XmpSidecarRule(LibraryService libraries) {
        this.libraries = libraries;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<?> settings() {
        return Settings.class;
    }

    @Override
    public void propose(Catalogue catalogue, AnalysisSettings settings, Sink sink) {
        Settings given = settings.settingsOf(NAME, Settings.class);
        double confidence = given.confidence() == null ? 0.9 : given.confidence();
        Map<Long, Path> roots = new HashMap<>();
        for (Library library : libraries.list()) roots.put(library.getId(), Path.of(library.getRootPath()));
        for (Catalogue.FileRow file : catalogue.files) {
            if (!"image".equals(file.mediaType()) && !"video".equals(file.mediaType())) continue;
            Path root = roots.get(file.libraryId());
            if (root == null) continue;
            XmpSidecars.Values sidecar;
            try {
                sidecar = XmpSidecars.read(root.resolve(file.path()));
            } catch (IOException e) {
                log.warn("analysis: {}", e.getMessage());
                continue;
            }
            if (sidecar == null) continue;
            Catalogue.ItemRow item = catalogue.items.get(file.itemId());
            // Only what another tool gave: a tag Archivist wrote and a person removed since is not brought back.
            for (String tag : sidecar.othersTags()) {
                if (!item.hasTag(tag)) sink.offer(new Proposal(item.id, "tag", ChangeAction.ADD, null, PlanValues.tag(tag, null), confidence, NAME));
            }
            if (sidecar.title() != null && !sidecar.title().isBlank() && !sidecar.title().strip().equals(item.title)) {
                sink.offer(new Proposal(item.id, "title", ChangeAction.SET, PlanValues.text(item.title), PlanValues.text(sidecar.title().strip()), confidence, NAME));
            }
            if (sidecar.capture() != null) {
                int offset = sidecar.offsetMinutes() == null ? 0 : sidecar.offsetMinutes();
                java.time.Instant at = sidecar.capture().minusMinutes(offset).toInstant(ZoneOffset.UTC);
                boolean same = at.equals(file.detectedAt()) && java.util.Objects.equals(sidecar.offsetMinutes(), file.offsetMinutes());
                if (!same) {
                    sink.offer(new Proposal(file.itemId(), "capture_date", ChangeAction.SET, PlanCaptureDates.current(file),
                            PlanCaptureDates.of(file.fileId(), at.toString(), sidecar.offsetMinutes(), "user", "high"), confidence, NAME));
                }
            }
        }
    }
}
