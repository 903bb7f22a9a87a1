package org.archivist.plans;

import java.time.ZoneOffset;

import org.archivist.metadata.DateCandidate;
import org.archivist.metadata.FileNameDates;
import org.springframework.stereotype.Component;


/**
 * A capture date from the file's name ("IMG_20190714_183012.jpg", "2019-07-14 18.30.12.mov") for a
 * file whose date has low or no confidence and was not set by a person: surer with a time of day
 * than with a date alone. The name's time is the local time, with no known offset.
 */
@Component
class FileNameDateRule implements AnalysisRule {

    static final String NAME = "filename_date";

    record Settings(Double withTime, Double dateOnly) {
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
        double withTime = given.withTime() == null ? 0.7 : given.withTime();
        double dateOnly = given.dateOnly() == null ? 0.5 : given.dateOnly();
        for (Catalogue.FileRow file : catalogue.files) {
            if (!"low".equals(file.confidence()) && !"none".equals(file.confidence())) continue;
            if ("user".equals(file.source()) || "filename".equals(file.source())) continue;
            DateCandidate found = FileNameDates.find(file.fileName()).orElse(null);
            if (found == null) continue;
            java.time.Instant at = found.wallClock().toInstant(ZoneOffset.UTC);
            if (at.equals(file.detectedAt())) continue;
            boolean timed = !found.wallClock().toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
            sink.offer(new Proposal(file.itemId(), "capture_date", ChangeAction.SET, PlanCaptureDates.current(file),
                    PlanCaptureDates.proposed(file.fileId(), found.wallClock()), timed ? withTime : dateOnly, NAME));
        }
    }
}
