package org.archivist.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.archivist.testing.EngineTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test of the write path: files whose facts hold random and extreme values in every
 * column go through {@link FileCatalog}'s real batch insert and rewrite, and every row is written
 * with values the schema accepts, on SQLite and on PostgreSQL.
 */
class StorableFactsTest extends EngineTest {

    private static final long SEED = Long.getLong("archivist.test.seed", System.nanoTime());

    @TempDir
    Path root;

    private final Random random = new Random(SEED);

    @Test
    void randomAndExtremeValuesInEveryColumnAlwaysInsert() {
        long library = bean(LibraryService.class).add(unique("property"), root, Set.of(), List.of()).getId();
        FileCatalog catalog = bean(FileCatalog.class);
        int rows = 0;
        for (int batch = 0; batch < 8; batch++) {
            List<ScannedFile> files = new ArrayList<>();
            for (int i = 0; i < 60; i++) files.add(randomFile("b" + batch + "/f" + i + ".bin"));
            List<Long> ids = catalog.insertNew(library, files);
            assertThat(ids).as("seed %d", SEED).hasSize(files.size());
            rows += files.size();
            // The rewrite path (a changed file) takes the same values.
            Map<Long, ScannedFile> changed = new LinkedHashMap<>();
            for (int i = 0; i < ids.size(); i += 3) changed.put(ids.get(i), randomFile(files.get(i).path()));
            catalog.updateChanged(changed);
        }
        assertThat(jdbc().queryForObject("SELECT count(*) FROM files WHERE library_id = ?", Long.class, library))
                .as("seed %d", SEED).isEqualTo(rows);
        assertThat(jdbc().queryForObject("""
                SELECT count(*) FROM file_metadata m JOIN files f ON f.id = m.file_id
                WHERE f.library_id = ? AND (m.width <= 0 OR m.height <= 0 OR m.duration_seconds < 0 OR m.orientation NOT BETWEEN 1 AND 8
                   OR abs(m.latitude) > 90 OR abs(m.longitude) > 180 OR (m.latitude IS NULL) <> (m.longitude IS NULL) OR m.page_count < 0)""",
                Long.class, library)).as("seed %d", SEED).isZero();
    }

    @Test
    void aTopDownBmpKeepsItsHeightAndTheNoteSaysWhy() {
        long library = bean(LibraryService.class).add(unique("bmp"), root, Set.of(), List.of()).getId();
        FileMetadata metadata = new FileMetadata();
        metadata.setWidth(640);
        metadata.setHeight(-480);
        metadata.setOrientation(0);
        metadata.setLatitude(123.0);
        metadata.setLongitude(10.0);
        ScannedFile bmp = new ScannedFile("top-down.bmp", 1000, null, Instant.parse("2024-01-01T00:00:00Z"), "image/bmp", MediaType.IMAGE,
                "0123456789abcdef", null, CaptureDate.NONE, metadata, new ItemProposal(ItemKind.PHOTO, "top-down", null, null, null, null), null);
        long id = bean(FileCatalog.class).insertNew(library, List.of(bmp)).get(0);
        Map<String, Object> row = jdbc().queryForMap("SELECT width, height, orientation, latitude, longitude, extra FROM file_metadata WHERE file_id = ?", id);
        assertThat(((Number) row.get("height")).intValue()).isEqualTo(480);
        assertThat(row.get("orientation")).isNull();
        assertThat(row.get("latitude")).isNull();
        assertThat(row.get("longitude")).isNull();
        String extra = row.get("extra").toString();
        assertThat(extra).contains("correctedValues").contains("top-down").contains("refusedValues").contains("orientation")
                .contains("latitude");
    }

    private ScannedFile randomFile(String path) {
        FileMetadata m = new FileMetadata();
        m.setDurationSeconds(pick(this::aDouble));
        m.setWidth(pick(this::anInt));
        m.setHeight(pick(this::anInt));
        m.setFps(pick(this::aDouble));
        m.setVideoCodec(pick(this::aString));
        m.setAudioCodec(pick(this::aString));
        m.setBitrate(pick(() -> random.nextBoolean() ? Long.MIN_VALUE : random.nextLong()));
        m.setSampleRate(pick(this::anInt));
        m.setChannels(pick(this::anInt));
        m.setArtist(pick(this::aString));
        m.setAlbum(pick(this::aString));
        m.setTitle(pick(this::aString));
        m.setYear(pick(this::anInt));
        m.setGenre(pick(this::aString));
        m.setCameraMake(pick(this::aString));
        m.setCameraModel(pick(this::aString));
        m.setLens(pick(this::aString));
        m.setIso(pick(this::anInt));
        m.setAperture(pick(this::aDouble));
        m.setShutterSpeed(pick(this::aString));
        m.setFocalLength(pick(this::aDouble));
        m.setOrientation(pick(this::anInt));
        m.setLatitude(pick(this::aDouble));
        m.setLongitude(pick(this::aDouble));
        m.setAltitude(pick(this::aDouble));
        m.setLocationName(pick(this::aString));
        m.setPageCount(pick(this::anInt));
        m.setLanguage(pick(this::aString));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(aString() == null ? "k" : aString(), aDouble());
        extra.put("nested", Map.of("text", String.valueOf(aString()), "list", List.of(String.valueOf(aDouble()), "\u0000")));
        extra.put("nan", Double.NaN);
        m.setExtra(extra);
        Instant at = pick(() -> random.nextBoolean() ? Instant.ofEpochSecond(random.nextLong(-400_000_000_000L, 400_000_000_000L))
                : Instant.ofEpochSecond(random.nextInt()));
        CaptureDate capture = new CaptureDate(at, pick(this::anInt), pick(() -> TimestampSource.values()[random.nextInt(5)]),
                Confidence.values()[random.nextInt(4)]);
        List<ItemProposal.Credit> people = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) people.add(new ItemProposal.Credit(String.valueOf(aString()), PersonRole.values()[random.nextInt(5)]));
        List<String> genres = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) genres.add(String.valueOf(aString()));
        LocalDate itemDate = pick(() -> LocalDate.of(random.nextInt(-5000, 100_000), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        ItemProposal item = new ItemProposal(ItemKind.values()[random.nextInt(6)], pick(this::aString), itemDate, pick(this::aString), people, genres);
        MediaType type = MediaType.values()[random.nextInt(MediaType.values().length)];
        return new ScannedFile(path, random.nextInt(1_000_000), pick(() -> Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 100_000_000_000L))),
                Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 100_000_000_000L)), pick(this::aString), type, pick(this::aString),
                pick(() -> random.nextBoolean() ? "f".repeat(64) : aString()), capture, random.nextInt(10) == 0 ? null : m, item,
                pick(this::aString));
    }

    private <T> T pick(Supplier<T> value) {
        return random.nextInt(4) == 0 ? null : value.get();
    }

    private Integer anInt() {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> 0;
            case 3 -> -random.nextInt(10_000);
            default -> random.nextInt(10_000);
        };
    }

    private Double aDouble() {
        return switch (random.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NEGATIVE_INFINITY;
            case 3 -> -Double.MAX_VALUE;
            case 4 -> Double.MIN_VALUE;
            case 5 -> -0.0;
            default -> (random.nextDouble() - 0.5) * 1000;
        };
    }

    private String aString() {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "\u0000";
            case 2 -> "a\u0000b\u0007c";
            case 3 -> "\uD800 lone surrogate \uDFFF";
            case 4 -> "x".repeat(50_000);
            case 5 -> "   ";
            case 6 -> "emoji \uD83D\uDCF7 and \u00e9";
            case 7 -> random.nextBoolean() ? "'; DROP TABLE files; --" : "\u00e9\uD83D\uDCF7".repeat(3_000);
            default -> Long.toHexString(random.nextLong());
        };
    }
}
