package org.archivist.metadata;

import java.io.File;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.archivist.catalog.PersonRole;
import org.jaudiotagger.audio.AudioFile;
import org.jaudiotagger.audio.AudioFileIO;
import org.jaudiotagger.audio.AudioHeader;
import org.jaudiotagger.tag.FieldKey;
import org.jaudiotagger.tag.Tag;

/** Artist, album, title, year, genre, track and the technical facts of a song, through jaudiotagger. */
final class AudioReader {

    /** jaudiotagger logs every oddity of every file at INFO and WARNING; its failures reach us as exceptions. */
    private static final Logger QUIET = Logger.getLogger("org.jaudiotagger");

    static {
        QUIET.setLevel(Level.OFF);
    }

    private AudioReader() {
    }

    /** {@code extension} is the format's usual extension: jaudiotagger picks its reader by it, not by content. */
    static void read(File file, String extension, ExtractedFacts facts) throws Exception {
        AudioFile audio = AudioFileIO.readAs(file, extension);
        var m = facts.metadata;
        AudioHeader header = audio.getAudioHeader();
        if (header != null) {
            if (m.getDurationSeconds() == null && header.getPreciseTrackLength() > 0) m.setDurationSeconds(header.getPreciseTrackLength());
            if (m.getSampleRate() == null) m.setSampleRate(header.getSampleRateAsNumber());
            if (m.getChannels() == null) m.setChannels(Text.parseInt(header.getChannels()));
            if (m.getBitrate() == null && header.getBitRateAsNumber() > 0) m.setBitrate(header.getBitRateAsNumber() * 1000);
            if (m.getAudioCodec() == null) m.setAudioCodec(Text.clean(header.getEncodingType()));
        }
        Tag tag = audio.getTag();
        if (tag != null) {
            m.setArtist(first(tag, FieldKey.ARTIST));
            m.setAlbum(first(tag, FieldKey.ALBUM));
            m.setTitle(first(tag, FieldKey.TITLE));
            String year = first(tag, FieldKey.YEAR);
            m.setYear(Text.parseInt(year));
            if (year != null && year.strip().length() >= 10) {
                facts.dates.addText(DateOrigin.CONTAINER, "Audio:RecordingDate", year, false);
            }
            String genre = first(tag, FieldKey.GENRE);
            m.setGenre(genre);
            facts.genre(genre);
            Integer track = Text.parseInt(first(tag, FieldKey.TRACK));
            if (track != null) facts.extra.put("track", track);
            // The folder a compilation is organized under (docs/organize.md: {album_artist|artist}).
            String albumArtist = first(tag, FieldKey.ALBUM_ARTIST);
            if (albumArtist != null) facts.extra.put("album_artist", albumArtist);
            if (m.getTitle() != null) facts.title = m.getTitle();
            facts.credit(m.getArtist(), PersonRole.ARTIST);
        }
        facts.anyMetadata = true;
    }

    private static String first(Tag tag, FieldKey key) {
        try {
            return Text.clean(tag.getFirst(key));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
