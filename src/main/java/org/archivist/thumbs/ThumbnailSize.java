package org.archivist.thumbs;

import java.util.Locale;

/** The two pictures made of each content: a grid's thumbnail and an item page's preview (long edge in pixels). */
public enum ThumbnailSize {
    THUMB(320), PREVIEW(1440);

    private final int longEdge;

    ThumbnailSize(int longEdge) {
        this.longEdge = longEdge;
    }

    public int longEdge() {
        return longEdge;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ThumbnailSize parse(String text) {
        for (ThumbnailSize size : values()) if (size.value().equalsIgnoreCase(text)) return size;
        throw new IllegalArgumentException("size: '" + text + "' is not one of thumb, preview");
    }
}
