package org.archivist.metadata;

import org.archivist.catalog.TimestampSource;

/**
 * The kinds of date a file can carry, best first. The order is the capture-date priority: the
 * moment the shutter was pressed beats the moment the file was digitised, which beats a date
 * someone put in the name, which beats the last edit, which beats whatever the file system says.
 */
public enum DateOrigin {
    /** EXIF DateTimeOriginal (and its RIFF/H.264 equivalents). */
    EMBEDDED_ORIGINAL(TimestampSource.EXIF, Family.EXIF),
    /** XMP or IPTC creation dates written by cameras and photo software. */
    XMP_IPTC(TimestampSource.EXIF, Family.XMP),
    /** Creation times of video, audio and document containers (QuickTime, Matroska, ID3, PDF...). */
    CONTAINER(TimestampSource.CONTAINER, Family.CONTAINER),
    /** EXIF CreateDate (DateTimeDigitized). */
    EMBEDDED_DIGITIZED(TimestampSource.EXIF, Family.EXIF),
    /** A date in the file name: camera, phone, screenshot and messaging-app patterns. */
    FILE_NAME(TimestampSource.FILENAME, Family.FILE_NAME),
    /** EXIF ModifyDate or a document's modification date: when it was last edited. */
    EMBEDDED_MODIFIED(TimestampSource.EXIF, Family.EXIF),
    /** The file system's modification or birth time: often the day of a copy. */
    FILE_SYSTEM(TimestampSource.FILESYSTEM, Family.FILE_SYSTEM);

    /** Sources that are independent of each other: two dates of one family agreeing prove little. */
    public enum Family { EXIF, XMP, CONTAINER, FILE_NAME, FILE_SYSTEM }

    private final TimestampSource source;
    private final Family family;

    DateOrigin(TimestampSource source, Family family) {
        this.source = source;
        this.family = family;
    }

    public TimestampSource source() {
        return source;
    }

    public Family family() {
        return family;
    }

    /** Sources that say when the content was made, as opposed to edited or copied. */
    public boolean isEmbeddedCapture() {
        return this == EMBEDDED_ORIGINAL || this == XMP_IPTC || this == CONTAINER || this == EMBEDDED_DIGITIZED;
    }
}
