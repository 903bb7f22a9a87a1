package org.archivist.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.bmp.BmpHeaderDirectory;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.gif.GifHeaderDirectory;
import com.drew.metadata.heif.HeifDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.png.PngDirectory;
import com.drew.metadata.webp.WebpDirectory;
import com.drew.metadata.xmp.XmpDirectory;

/** Camera, exposure, dimensions, GPS and dates of a photo, through metadata-extractor (EXIF, XMP, IPTC). */
final class PhotoReader {

    private PhotoReader() {
    }

    /**
     * {@code tiffLayout}: TIFF or a RAW format built on it, whose picture is the IFD marked
     * full-resolution; {@code cameraRaw}: an embedded JPEG's size is a preview's, not the picture's.
     */
    static void read(Path file, ExtractedFacts facts, boolean tiffLayout, boolean cameraRaw) throws IOException, ImageProcessingException {
        Metadata all = ImageMetadataReader.readMetadata(file.toFile());
        read(all, facts, tiffLayout, cameraRaw);
    }

    static void read(Metadata all, ExtractedFacts facts) {
        read(all, facts, false, false);
    }

    static void read(Metadata all, ExtractedFacts facts, boolean tiffLayout, boolean cameraRaw) {
        var m = facts.metadata;
        DateCandidates dates = facts.dates;
        for (ExifIFD0Directory ifd0 : all.getDirectoriesOfType(ExifIFD0Directory.class)) {
            if (m.getCameraMake() == null) m.setCameraMake(Text.clean(ifd0.getString(ExifDirectoryBase.TAG_MAKE)));
            if (m.getCameraModel() == null) m.setCameraModel(Text.clean(ifd0.getString(ExifDirectoryBase.TAG_MODEL)));
            if (m.getOrientation() == null) m.setOrientation(ifd0.getInteger(ExifDirectoryBase.TAG_ORIENTATION));
            addExifDate(dates, ifd0, DateOrigin.EMBEDDED_MODIFIED, "EXIF:ModifyDate", ExifDirectoryBase.TAG_DATETIME,
                    ExifDirectoryBase.TAG_SUBSECOND_TIME, ExifDirectoryBase.TAG_TIME_ZONE);
            facts.anyMetadata = true;
        }
        for (ExifSubIFDDirectory exif : all.getDirectoriesOfType(ExifSubIFDDirectory.class)) {
            addExifDate(dates, exif, DateOrigin.EMBEDDED_ORIGINAL, "EXIF:DateTimeOriginal", ExifDirectoryBase.TAG_DATETIME_ORIGINAL,
                    ExifDirectoryBase.TAG_SUBSECOND_TIME_ORIGINAL, ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL);
            addExifDate(dates, exif, DateOrigin.EMBEDDED_DIGITIZED, "EXIF:CreateDate", ExifDirectoryBase.TAG_DATETIME_DIGITIZED,
                    ExifDirectoryBase.TAG_SUBSECOND_TIME_DIGITIZED, ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED);
            if (m.getIso() == null) m.setIso(exif.getInteger(ExifDirectoryBase.TAG_ISO_EQUIVALENT));
            if (m.getAperture() == null) m.setAperture(decimal(exif, ExifDirectoryBase.TAG_FNUMBER));
            if (m.getShutterSpeed() == null) m.setShutterSpeed(shutter(exif.getRational(ExifDirectoryBase.TAG_EXPOSURE_TIME)));
            if (m.getFocalLength() == null) m.setFocalLength(decimal(exif, ExifDirectoryBase.TAG_FOCAL_LENGTH));
            if (m.getLens() == null) m.setLens(Text.clean(exif.getString(ExifDirectoryBase.TAG_LENS_MODEL)));
            facts.anyMetadata = true;
        }
        GpsDirectory gps = all.getFirstDirectoryOfType(GpsDirectory.class);
        if (gps != null) {
            facts.gps(coordinate(gps, GpsDirectory.TAG_LATITUDE, GpsDirectory.TAG_LATITUDE_REF, "S"),
                    coordinate(gps, GpsDirectory.TAG_LONGITUDE, GpsDirectory.TAG_LONGITUDE_REF, "W"), altitude(gps));
        }
        for (XmpDirectory xmp : all.getDirectoriesOfType(XmpDirectory.class)) {
            Map<String, String> properties = xmp.getXmpProperties();
            dates.addText(DateOrigin.XMP_IPTC, "XMP:DateTimeOriginal", properties.get("exif:DateTimeOriginal"), false);
            dates.addText(DateOrigin.XMP_IPTC, "XMP:DateCreated", properties.get("photoshop:DateCreated"), false);
            dates.addText(DateOrigin.XMP_IPTC, "XMP:CreateDate", properties.get("xmp:CreateDate"), false);
            dates.addText(DateOrigin.EMBEDDED_MODIFIED, "XMP:ModifyDate", properties.get("xmp:ModifyDate"), false);
            String title = Text.clean(properties.get("dc:title[1]"));
            if (title != null && facts.title == null) facts.title = title;
            if (facts.metadata.getLatitude() == null) {
                facts.gps(xmpCoordinate(properties.get("exif:GPSLatitude")), xmpCoordinate(properties.get("exif:GPSLongitude")), null);
            }
            facts.credit(properties.get("dc:creator[1]"), org.archivist.catalog.PersonRole.ARTIST);
            facts.anyMetadata = true;
        }
        IptcDirectory iptc = all.getFirstDirectoryOfType(IptcDirectory.class);
        if (iptc != null) {
            addIptcDate(dates, iptc, IptcDirectory.TAG_DATE_CREATED, IptcDirectory.TAG_TIME_CREATED, "IPTC:DateCreated");
            addIptcDate(dates, iptc, IptcDirectory.TAG_DIGITAL_DATE_CREATED, IptcDirectory.TAG_DIGITAL_TIME_CREATED, "IPTC:DigitalCreationDate");
            String title = Text.clean(iptc.getString(IptcDirectory.TAG_OBJECT_NAME));
            if (title != null && facts.title == null) facts.title = title;
            facts.anyMetadata = true;
        }
        if (!(tiffLayout && fullResolution(all, facts)) && !(cameraRaw && panasonicRaw(all, facts))) dimensions(all, facts, cameraRaw);
    }

    /**
     * TIFF and the RAW formats built on it keep several images: the one marked full-resolution
     * (NewSubfileType 0) is the picture, the others previews and thumbnails. The largest wins.
     */
    private static boolean fullResolution(Metadata all, ExtractedFacts facts) {
        int bestWidth = 0, bestHeight = 0;
        for (Directory ifd : all.getDirectories()) {
            if (!(ifd instanceof ExifIFD0Directory || ifd instanceof ExifSubIFDDirectory)) continue;
            Integer type = ifd.getInteger(ExifDirectoryBase.TAG_NEW_SUBFILE_TYPE);
            Integer width = ifd.getInteger(ExifDirectoryBase.TAG_IMAGE_WIDTH);
            Integer height = ifd.getInteger(ExifDirectoryBase.TAG_IMAGE_HEIGHT);
            if (type != null && type == 0 && width != null && height != null && (long) width * height > (long) bestWidth * bestHeight) {
                bestWidth = width;
                bestHeight = height;
            }
        }
        if (bestWidth <= 0 || bestHeight <= 0) return false;
        facts.metadata.setWidth(bestWidth);
        facts.metadata.setHeight(bestHeight);
        return true;
    }

    /** Panasonic RW2 keeps the picture's size in its maker notes; its JPEG is an 8x8 stand-in. */
    private static boolean panasonicRaw(Metadata all, ExtractedFacts facts) {
        var notes = all.getFirstDirectoryOfType(com.drew.metadata.exif.makernotes.PanasonicMakernoteDirectory.class);
        if (notes == null) return false;
        Integer width = notes.getInteger(com.drew.metadata.exif.makernotes.PanasonicMakernoteDirectory.TAG_PANASONIC_IMAGE_WIDTH);
        Integer height = notes.getInteger(com.drew.metadata.exif.makernotes.PanasonicMakernoteDirectory.TAG_PANASONIC_IMAGE_HEIGHT);
        if (width == null || height == null) return false;
        facts.metadata.setWidth(width);
        facts.metadata.setHeight(height);
        return true;
    }

    private static void addExifDate(DateCandidates dates, Directory directory, DateOrigin origin, String tag,
                                    int dateTag, int subSecondTag, int offsetTag) {
        String value = directory.getString(dateTag);
        if (value == null) return;
        dates.addText(origin, tag, value, false);
        dates.applySubSeconds(tag, directory.getString(subSecondTag));
        dates.applyOffset(tag, directory.getString(offsetTag));
    }

    private static void addIptcDate(DateCandidates dates, IptcDirectory iptc, int dateTag, int timeTag, String tag) {
        String date = iptc.getString(dateTag);
        if (date == null) return;
        String digits = date.replaceAll("\\D", "");
        if (digits.length() != 8) {
            dates.reject(tag, date, "not a date this program reads");
            return;
        }
        String text = digits.substring(0, 4) + "-" + digits.substring(4, 6) + "-" + digits.substring(6, 8);
        String time = iptc.getString(timeTag);
        if (time != null) {
            String t = time.strip().replace(":", "");
            if (t.matches("\\d{6}([+-]\\d{4})?")) {
                text += "T" + t.substring(0, 2) + ":" + t.substring(2, 4) + ":" + t.substring(4, 6) + t.substring(6);
            }
        }
        dates.addText(DateOrigin.XMP_IPTC, tag, text, false);
    }

    private static void dimensions(Metadata all, ExtractedFacts facts, boolean cameraRaw) {
        ExifSubIFDDirectory exifSize = all.getDirectoriesOfType(ExifSubIFDDirectory.class).stream()
                .filter(d -> d.containsTag(ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH) && d.containsTag(ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT))
                .findFirst().orElse(null);
        // A HEIF picture is often a grid of tiles, and its first image entry is one tile: EXIF has the whole.
        if (exifSize != null && (cameraRaw || all.getFirstDirectoryOfType(HeifDirectory.class) != null)) {
            facts.metadata.setWidth(exifSize.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH));
            facts.metadata.setHeight(exifSize.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT));
            return;
        }
        Class<?>[] order = {JpegDirectory.class, PngDirectory.class, WebpDirectory.class, HeifDirectory.class,
                GifHeaderDirectory.class, BmpHeaderDirectory.class};
        int[][] tags = {{JpegDirectory.TAG_IMAGE_WIDTH, JpegDirectory.TAG_IMAGE_HEIGHT},
                {PngDirectory.TAG_IMAGE_WIDTH, PngDirectory.TAG_IMAGE_HEIGHT},
                {WebpDirectory.TAG_IMAGE_WIDTH, WebpDirectory.TAG_IMAGE_HEIGHT},
                {HeifDirectory.TAG_IMAGE_WIDTH, HeifDirectory.TAG_IMAGE_HEIGHT},
                {GifHeaderDirectory.TAG_IMAGE_WIDTH, GifHeaderDirectory.TAG_IMAGE_HEIGHT},
                {BmpHeaderDirectory.TAG_IMAGE_WIDTH, BmpHeaderDirectory.TAG_IMAGE_HEIGHT}};
        for (int i = 0; i < order.length && !cameraRaw; i++) {
            @SuppressWarnings("unchecked")
            Directory directory = all.getFirstDirectoryOfType((Class<Directory>) order[i]);
            if (directory != null && directory.containsTag(tags[i][0]) && directory.containsTag(tags[i][1])) {
                facts.metadata.setWidth(directory.getInteger(tags[i][0]));
                facts.metadata.setHeight(directory.getInteger(tags[i][1]));
                return;
            }
        }
        ExifIFD0Directory ifd0 = all.getFirstDirectoryOfType(ExifIFD0Directory.class);
        Integer ifd0Type = ifd0 == null ? null : ifd0.getInteger(ExifDirectoryBase.TAG_NEW_SUBFILE_TYPE);
        if (ifd0 != null && ifd0.containsTag(ExifDirectoryBase.TAG_IMAGE_WIDTH) && (ifd0Type == null || ifd0Type != 1)) {
            facts.metadata.setWidth(ifd0.getInteger(ExifDirectoryBase.TAG_IMAGE_WIDTH));
            facts.metadata.setHeight(ifd0.getInteger(ExifDirectoryBase.TAG_IMAGE_HEIGHT));
            return;
        }
        ExifSubIFDDirectory exif = all.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (exif != null && exif.containsTag(ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH)) {
            facts.metadata.setWidth(exif.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_WIDTH));
            facts.metadata.setHeight(exif.getInteger(ExifDirectoryBase.TAG_EXIF_IMAGE_HEIGHT));
        }
    }

    private static Double coordinate(GpsDirectory gps, int valueTag, int refTag, String negative) {
        Rational[] dms = gps.getRationalArray(valueTag);
        if (dms == null || dms.length < 1) return null;
        // An empty GPS block holds 0/0 rationals: no position, not 0 degrees.
        for (Rational part : dms) if (part.getDenominator() == 0) return null;
        double value = dms[0].doubleValue() + (dms.length > 1 ? dms[1].doubleValue() / 60 : 0) + (dms.length > 2 ? dms[2].doubleValue() / 3600 : 0);
        if (Double.isNaN(value) || Double.isInfinite(value)) return null;
        String ref = gps.getString(refTag);
        return ref != null && ref.strip().equalsIgnoreCase(negative) ? -value : value;
    }

    /** XMP's GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk" with k one of N, S, E, W (or a plain decimal). */
    static Double xmpCoordinate(String value) {
        if (value == null) return null;
        java.util.regex.Matcher m = XMP_COORDINATE.matcher(value.strip());
        if (!m.matches()) return Text.parseDouble(value);
        double degrees = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) / 60
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 3600);
        char ref = Character.toUpperCase(m.group(4).charAt(0));
        return ref == 'S' || ref == 'W' ? -degrees : degrees;
    }

    private static final java.util.regex.Pattern XMP_COORDINATE =
            java.util.regex.Pattern.compile("(\\d{1,3}),(\\d{1,2}(?:\\.\\d+)?)(?:,(\\d{1,2}(?:\\.\\d+)?))?([NSEWnsew])");

    private static Double altitude(GpsDirectory gps) {
        Rational altitude = gps.getRational(GpsDirectory.TAG_ALTITUDE);
        if (altitude == null || altitude.getDenominator() == 0) return null;
        Integer ref = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
        return ref != null && ref == 1 ? -altitude.doubleValue() : altitude.doubleValue();
    }

    private static Double decimal(Directory directory, int tag) {
        Rational value = directory.getRational(tag);
        if (value == null || value.getDenominator() == 0) return null;
        return value.doubleValue();
    }

    private static String shutter(Rational exposure) {
        if (exposure == null || exposure.getDenominator() == 0 || exposure.getNumerator() <= 0) return null;
        double seconds = exposure.doubleValue();
        if (seconds >= 1) return Math.round(seconds * 10) / 10.0 + "";
        return "1/" + Math.round(1 / seconds);
    }
}
