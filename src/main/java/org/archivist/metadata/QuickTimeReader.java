package org.archivist.metadata;

import java.util.Date;

import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.media.QuickTimeVideoDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.mp4.media.Mp4VideoDirectory;

/**
 * What metadata-extractor reads of a QuickTime or MP4 file: creation time (UTC by specification),
 * Apple's creation date with its offset, make, model and GPS (Apple's ISO 6709 key or MP4's user-data
 * location); duration and dimensions where nothing better read them.
 */
final class QuickTimeReader {

    private QuickTimeReader() {
    }

    static void read(Metadata all, ExtractedFacts facts) {
        var m = facts.metadata;
        for (Class<? extends Directory> type : java.util.List.of(QuickTimeDirectory.class, Mp4Directory.class)) {
            Directory header = all.getFirstDirectoryOfType(type);
            if (header == null) continue;
            int creation = type == QuickTimeDirectory.class ? QuickTimeDirectory.TAG_CREATION_TIME : Mp4Directory.TAG_CREATION_TIME;
            int duration = type == QuickTimeDirectory.class ? QuickTimeDirectory.TAG_DURATION_SECONDS : Mp4Directory.TAG_DURATION_SECONDS;
            Date created = header.getDate(creation);
            if (created != null) facts.dates.addInstant(DateOrigin.CONTAINER, "QuickTime:CreateDate", created.toInstant());
            Rational seconds = header.getRational(duration);
            if (seconds != null && seconds.getDenominator() != 0 && m.getDurationSeconds() == null) m.setDurationSeconds(seconds.doubleValue());
            facts.anyMetadata = true;
        }
        for (Class<? extends Directory> type : java.util.List.of(QuickTimeVideoDirectory.class, Mp4VideoDirectory.class)) {
            Directory video = all.getFirstDirectoryOfType(type);
            if (video == null || m.getWidth() != null) continue;
            int width = type == QuickTimeVideoDirectory.class ? QuickTimeVideoDirectory.TAG_WIDTH : Mp4VideoDirectory.TAG_WIDTH;
            int height = type == QuickTimeVideoDirectory.class ? QuickTimeVideoDirectory.TAG_HEIGHT : Mp4VideoDirectory.TAG_HEIGHT;
            m.setWidth(video.getInteger(width));
            m.setHeight(video.getInteger(height));
        }
        // A track may carry its own (often empty) metadata box before the movie's.
        for (QuickTimeMetadataDirectory apple : all.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
            facts.dates.addText(DateOrigin.CONTAINER, "QuickTime:CreationDate", apple.getString(QuickTimeMetadataDirectory.TAG_CREATION_DATE), false);
            if (m.getCameraMake() == null) m.setCameraMake(Text.clean(apple.getString(QuickTimeMetadataDirectory.TAG_MAKE)));
            if (m.getCameraModel() == null) m.setCameraModel(Text.clean(apple.getString(QuickTimeMetadataDirectory.TAG_MODEL)));
            if (m.getLatitude() == null) facts.gpsIso6709(apple.getString(QuickTimeMetadataDirectory.TAG_LOCATION_ISO6709));
        }
        // MP4's user-data location (the '\u00a9xyz' box, written by Android phones and cameras).
        Mp4Directory mp4 = all.getFirstDirectoryOfType(Mp4Directory.class);
        if (mp4 != null && m.getLatitude() == null && mp4.containsTag(Mp4Directory.TAG_LATITUDE) && mp4.containsTag(Mp4Directory.TAG_LONGITUDE)) {
            facts.gps(mp4.getDoubleObject(Mp4Directory.TAG_LATITUDE), mp4.getDoubleObject(Mp4Directory.TAG_LONGITUDE), null);
        }
    }
}
