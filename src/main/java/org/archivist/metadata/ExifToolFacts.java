package org.archivist.metadata;

import tools.jackson.databind.JsonNode;

/**
 * What ExifTool's {@code -json -G -n} answer says of a photo: capture dates with their offsets,
 * camera, lens, exposure, pixel size and GPS. It fills what the in-process readers left empty;
 * for camera RAW files its pixel size (the sensor's, {@code Composite:ImageSize}) replaces theirs,
 * which is that of an embedded preview.
 */
final class ExifToolFacts {

    private ExifToolFacts() {
    }

    static void apply(JsonNode tags, ExtractedFacts facts, boolean sizeFromExifTool) {
        var m = facts.metadata;
        DateCandidates dates = facts.dates;
        boolean hadExifDates = facts.dates.found().stream().anyMatch(c -> c.tag().startsWith("EXIF:"));
        if (!hadExifDates) {
            addDate(tags, dates, DateOrigin.EMBEDDED_ORIGINAL, "EXIF:DateTimeOriginal", "EXIF:SubSecTimeOriginal", "EXIF:OffsetTimeOriginal");
            addDate(tags, dates, DateOrigin.EMBEDDED_DIGITIZED, "EXIF:CreateDate", "EXIF:SubSecTimeDigitized", "EXIF:OffsetTimeDigitized");
            addDate(tags, dates, DateOrigin.EMBEDDED_MODIFIED, "EXIF:ModifyDate", "EXIF:SubSecTime", "EXIF:OffsetTime");
        }
        if (facts.dates.found().stream().noneMatch(c -> c.tag().startsWith("XMP:"))) {
            dates.addText(DateOrigin.XMP_IPTC, "XMP:DateTimeOriginal", text(tags, "XMP:DateTimeOriginal"), false);
        }
        if (m.getCameraMake() == null) m.setCameraMake(first(tags, "EXIF:Make", "XMP:Make", "QuickTime:Make", "MakerNotes:Make"));
        if (m.getCameraModel() == null) m.setCameraModel(first(tags, "EXIF:Model", "XMP:Model", "QuickTime:Model", "MakerNotes:Model"));
        if (m.getLens() == null) {
            String lens = first(tags, "EXIF:LensModel", "XMP:LensModel", "MakerNotes:LensModel", "Composite:LensID");
            // Composite:LensID of an unknown lens is a bare number or a list of them: no name.
            if (lens != null && !lens.matches("[0-9 .]+")) m.setLens(lens);
        }
        if (m.getOrientation() == null) m.setOrientation(integer(tags, "EXIF:Orientation"));
        if (m.getIso() == null) m.setIso(integer(tags, "EXIF:ISO"));
        if (m.getAperture() == null) m.setAperture(number(tags, "EXIF:FNumber"));
        if (m.getFocalLength() == null) m.setFocalLength(number(tags, "EXIF:FocalLength"));
        if (m.getShutterSpeed() == null) {
            Double exposure = number(tags, "EXIF:ExposureTime");
            if (exposure != null && exposure > 0) m.setShutterSpeed(exposure >= 1 ? Math.round(exposure * 10) / 10.0 + "" : "1/" + Math.round(1 / exposure));
        }
        if (m.getLatitude() == null) {
            facts.gps(number(tags, "Composite:GPSLatitude"), number(tags, "Composite:GPSLongitude"), number(tags, "Composite:GPSAltitude"));
        }
        if (sizeFromExifTool || m.getWidth() == null || m.getHeight() == null) size(tags, facts);
        facts.anyMetadata = true;
    }

    private static void size(JsonNode tags, ExtractedFacts facts) {
        String composite = text(tags, "Composite:ImageSize");
        Integer width = null, height = null;
        if (composite != null) {
            String[] parts = composite.strip().split("[ x]+");
            if (parts.length == 2) {
                width = Text.parseInt(parts[0]);
                height = Text.parseInt(parts[1]);
            }
        }
        if (width == null || height == null) {
            width = integer(tags, "EXIF:ExifImageWidth");
            height = integer(tags, "EXIF:ExifImageHeight");
        }
        if (width != null && height != null) {
            facts.metadata.setWidth(width);
            facts.metadata.setHeight(height);
        }
    }

    private static void addDate(JsonNode tags, DateCandidates dates, DateOrigin origin, String tag, String subSecondTag, String offsetTag) {
        String value = text(tags, tag);
        if (value == null) return;
        dates.addText(origin, tag, value, false);
        dates.applySubSeconds(tag, text(tags, subSecondTag));
        dates.applyOffset(tag, text(tags, offsetTag));
    }

    private static String first(JsonNode tags, String... names) {
        for (String name : names) {
            String value = Text.clean(text(tags, name));
            if (value != null) return value;
        }
        return null;
    }

    private static String text(JsonNode tags, String name) {
        JsonNode value = tags.get(name);
        return value == null || value.isNull() || value.isContainer() ? null : value.asString();
    }

    private static Double number(JsonNode tags, String name) {
        JsonNode value = tags.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isNumber()) return value.asDouble();
        return Text.parseDouble(value.asString());
    }

    private static Integer integer(JsonNode tags, String name) {
        JsonNode value = tags.get(name);
        if (value == null || value.isNull()) return null;
        if (value.isIntegralNumber() && value.canConvertToInt()) return value.asInt();
        return Text.parseInt(value.asString());
    }
}
