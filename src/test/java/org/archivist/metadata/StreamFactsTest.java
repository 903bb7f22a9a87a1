package org.archivist.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.archivist.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The in-process stream readers report what ffprobe reports, field by field, on every corpus file
 * they read: so a catalogue is the same whether a file went through them or through ffprobe.
 */
class StreamFactsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void isoMediaMatchesFfprobe() throws IOException {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path file : corpusFiles(".mov", ".mp4", ".3gp", ".m4a")) {
            StreamFacts ours = IsoMediaReader.read(file);
            assertThat(ours).as(file.toString()).isNotNull();
            assertThat(MpegAudioReader.noAudioAfterTag(file)).isFalse();
            compare(file, ours, differences);
            compared++;
        }
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aviMatchesFfprobe() throws IOException {
        List<String> differences = new ArrayList<>();
        List<Path> files = corpusFiles(".avi");
        for (Path file : files) {
            AviReader.Avi avi = AviReader.read(file);
            assertThat(avi.streams()).as(file.toString()).isNotNull();
            StreamFacts ours = avi.streams();
            compare(file, ours, differences);
        }
        assertThat(differences).isEmpty();
        assertThat(files).isNotEmpty();
        assertThat(AviReader.isoDate("MON SEP 10 20:52:00 2012")).isEqualTo("2012-09-10 20:52");
        assertThat(AviReader.isoDate("Thu Jan  3 07:05:09 2008\n")).isEqualTo("2008-01-03 07:05:09");
        assertThat(AviReader.isoDate("2005:08:17 11:42:43")).isEqualTo("2005:08:17 11:42:43");
    }

    @Test
    void mpegAudioMatchesFfprobe() throws IOException {
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path file : corpusFiles(".mp3")) {
            StreamFacts ours = MpegAudioReader.read(file);
            if (file.getFileName().toString().startsWith("bug-non ascii")) {
                assertThat(ours).as("no audio frame after its tag; ffprobe cannot read it either").isNull();
                assertThat(MpegAudioReader.noAudioAfterTag(file)).isTrue();
                continue;
            }
            assertThat(ours).as(file.toString()).isNotNull();
            assertThat(MpegAudioReader.noAudioAfterTag(file)).isFalse();
            compare(file, ours, differences);
            compared++;
        }
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(3);
    }

    @Test
    void opusMatchesFfprobe() throws IOException {
        List<String> differences = new ArrayList<>();
        List<Path> files = corpusFiles(".opus");
        for (Path file : files) {
            StreamFacts ours = OpusReader.read(file, new ExtractedFacts());
            assertThat(ours).as(file.toString()).isNotNull();
            compare(file, ours, differences);
        }
        assertThat(differences).isEmpty();
        assertThat(files).isNotEmpty();
        assertThat(OpusReader.read(corpusFiles(".ogg").get(0), new ExtractedFacts())).as("Vorbis, not Opus").isNull();
    }

    @Test
    void matroskaMatchesFfprobe() throws IOException {
        List<String> differences = new ArrayList<>();
        List<Path> files = corpusFiles(".webm", ".mkv");
        for (Path file : files) {
            MatroskaReader.Matroska mkv = MatroskaReader.read(file);
            assertThat(mkv.streams()).as(file.toString()).isNotNull();
            StreamFacts ours = mkv.streams();
            compare(file, ours, differences);
        }
        assertThat(differences).isEmpty();
        assertThat(files).isNotEmpty();
        MatroskaReader.Matroska bunny = MatroskaReader.read(Corpus.media().resolve("video/big-buck-bunny_trailer-short.vp8.webm"));
        assertThat(bunny.title()).isEqualTo("Big Buck Bunny");
        assertThat(bunny.created()).isEqualTo(java.time.Instant.parse("2019-12-17T18:59:01Z"));
    }

    @Test
    void damagedMatroskaIsLeftToFfprobe(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.media().resolve("video/big-buck-bunny_trailer-short.vp8.webm"));
        Path cut = Files.write(dir.resolve("cut.webm"), java.util.Arrays.copyOf(bytes, 60));
        byte[] zeros = bytes.clone();
        java.util.Arrays.fill(zeros, 4, 400, (byte) 0);
        Path zeroed = Files.write(dir.resolve("zeroed.webm"), zeros);
        Path empty = Files.write(dir.resolve("empty.webm"), new byte[0]);
        for (Path broken : List.of(cut, zeroed, empty)) {
            assertThat(MatroskaReader.read(broken).streams()).as(broken.getFileName().toString()).isNull();
        }
    }

    @Test
    void damagedAviIsLeftToFfprobe(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(Corpus.media().resolve("video/MVI_4823.AVI"));
        Path headerCut = Files.write(dir.resolve("cut.avi"), java.util.Arrays.copyOf(bytes, 200));
        byte[] lying = java.util.Arrays.copyOf(bytes, 4096);
        lying[16] = (byte) 0xFF;
        lying[17] = (byte) 0xFF;
        lying[18] = (byte) 0xFF;
        lying[19] = (byte) 0x7F;
        Path huge = Files.write(dir.resolve("lying.avi"), lying);
        Path empty = Files.write(dir.resolve("empty.avi"), new byte[0]);
        for (Path broken : List.of(headerCut, huge, empty)) {
            assertThat(AviReader.read(broken).streams()).as(broken.getFileName().toString()).isNull();
        }
    }

    @Test
    void damagedIsoMediaIsLeftToFfprobe(@TempDir Path dir) throws IOException {
        Path source = Corpus.media().resolve("video/with-gps.mov");
        byte[] bytes = Files.readAllBytes(source);
        Path truncated = Files.write(dir.resolve("truncated.mov"), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Path headerOnly = Files.write(dir.resolve("header.mp4"), java.util.Arrays.copyOf(bytes, 32));
        byte[] hostile = bytes.clone();
        // a box that claims to be larger than the file, inside the movie box
        int moov = indexOf(bytes, "moov");
        hostile[moov + 8] = 0x7F;
        Path lying = Files.write(dir.resolve("lying.mov"), hostile);
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        for (Path broken : List.of(truncated, headerOnly, lying, empty)) {
            if (broken == truncated && indexOf(java.util.Arrays.copyOf(bytes, bytes.length / 3), "moov") >= 0) continue;
            assertThat(IsoMediaReader.read(broken)).as(broken.getFileName().toString()).isNull();
        }
    }

    /** Random damage to every byte region of every file these readers take: a result or null, never an exception. */
    @Test
    void randomDamageGivesAResultOrNullNeverAnException(@TempDir Path dir) throws IOException {
        java.util.Random random = new java.util.Random(20261121);
        List<String> thrown = new ArrayList<>();
        for (Path source : corpusFiles(".mov", ".mp4", ".3gp", ".m4a", ".avi", ".webm", ".mp3", ".opus")) {
            byte[] original = Files.readAllBytes(source);
            for (int round = 0; round < 40; round++) {
                byte[] damaged = original.clone();
                int flips = 1 + random.nextInt(64);
                for (int i = 0; i < flips; i++) {
                    int at = round % 2 == 0 ? random.nextInt(Math.min(damaged.length, 8192)) : random.nextInt(damaged.length);
                    damaged[at] = (byte) random.nextInt(256);
                }
                if (round % 5 == 4) damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
                Path file = Files.write(dir.resolve("damaged"), damaged);
                try {
                    IsoMediaReader.read(file);
                    AviReader.read(file);
                    MatroskaReader.read(file);
                    MpegAudioReader.read(file);
                    MpegAudioReader.noAudioAfterTag(file);
                    OpusReader.read(file, new ExtractedFacts());
                } catch (RuntimeException e) {
                    thrown.add(source.getFileName() + " round " + round + ": " + e);
                }
            }
        }
        assertThat(thrown).isEmpty();
    }

    static List<Path> corpusFiles(String... extensions) throws IOException {
        try (Stream<Path> walk = Files.walk(Corpus.media())) {
            return walk.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return Stream.of(extensions).anyMatch(name::endsWith);
            }).sorted().toList();
        }
    }

    static void compare(Path file, StreamFacts ours, List<String> differences) throws IOException {
        String relative = Corpus.media().relativize(file).toString();
        JsonNode ref = JSON.readTree(Corpus.root().resolve("reference/ffprobe").resolve(relative + ".json").toFile());
        JsonNode format = ref.path("format");
        check(differences, relative, "duration", format.path("duration").asDouble(), ours.durationSeconds(), 0.001);
        if (format.has("bit_rate")) check(differences, relative, "bit rate", format.path("bit_rate").asDouble(), ours.bitrate(), 0.01);
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : ref.path("streams")) {
            String type = stream.path("codec_type").asString("");
            if (type.equals("video") && video == null && stream.path("disposition").path("attached_pic").asInt(0) == 0) video = stream;
            if (type.equals("audio") && audio == null) audio = stream;
        }
        if (video != null) {
            same(differences, relative, "video codec", video.path("codec_name").asString(), ours.videoCodec());
            same(differences, relative, "width", video.path("width").asInt(), ours.width());
            same(differences, relative, "height", video.path("height").asInt(), ours.height());
            check(differences, relative, "frame rate", rate(video.path("avg_frame_rate").asString()), ours.fps(), 0.01);
            int expectedRotation = 0;
            for (JsonNode side : video.path("side_data_list")) expectedRotation = side.path("rotation").asInt(expectedRotation);
            same(differences, relative, "rotation", expectedRotation, ours.rotation());
        } else {
            same(differences, relative, "video codec", null, ours.videoCodec());
        }
        if (audio != null) {
            same(differences, relative, "audio codec", audio.path("codec_name").asString(), ours.audioCodec());
            same(differences, relative, "sample rate", audio.path("sample_rate").asInt(), ours.sampleRate());
            same(differences, relative, "channels", audio.path("channels").asInt(), ours.channels());
        } else {
            same(differences, relative, "audio codec", null, ours.audioCodec());
        }
    }

    private static void check(List<String> differences, String file, String field, double expected, Number actual, double tolerance) {
        if (actual == null || Math.abs(actual.doubleValue() - expected) > Math.abs(expected) * tolerance) {
            differences.add(file + ": " + field + " expected " + expected + " got " + actual);
        }
    }

    private static void same(List<String> differences, String file, String field, Object expected, Object actual) {
        if (!java.util.Objects.equals(expected, actual)) differences.add(file + ": " + field + " expected " + expected + " got " + actual);
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    private static int indexOf(byte[] data, String ascii) {
        outer:
        for (int i = 0; i + ascii.length() <= data.length; i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (data[i + j] != (byte) ascii.charAt(j)) continue outer;
            }
            return i - 4;
        }
        return -1;
    }
}
