package org.archivist.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared corpus of real media with reference values ({@code ../shared/corpus}, or
 * {@code ARCHIVIST_CORPUS}). Tests that need it are skipped, with the reason, when it is absent.
 */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        String configured = System.getenv("ARCHIVIST_CORPUS");
        Path root = configured != null ? Path.of(configured) : Path.of("..", "shared", "corpus").toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(root.resolve("media")),
                "the media corpus is not at " + root + " (set ARCHIVIST_CORPUS to its folder); skipping");
        return root;
    }

    public static Path media() {
        return root().resolve("media");
    }

    /** exiftool -json -G -n output, by path relative to the corpus ("media/images/x.jpg"). */
    public static Map<String, JsonNode> exiftool() throws IOException {
        JsonNode all = JsonMapper.builder().build().readTree(root().resolve("reference/exiftool.json").toFile());
        var byPath = new java.util.TreeMap<String, JsonNode>();
        for (JsonNode entry : all) byPath.put(entry.path("SourceFile").asString(), entry);
        return byPath;
    }

    /** Rows of a reference CSV with a header line, as maps (values may contain no commas except the last column). */
    public static List<Map<String, String>> csv(String name) throws IOException {
        List<String> lines = Files.readAllLines(root().resolve("reference").resolve(name));
        String[] header = lines.get(0).split(",");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(line -> {
            String[] cells = line.split(",", header.length);
            var row = new java.util.LinkedHashMap<String, String>();
            for (int i = 0; i < header.length; i++) row.put(header[i], i < cells.length ? cells[i] : "");
            return (Map<String, String>) row;
        }).toList();
    }
}
