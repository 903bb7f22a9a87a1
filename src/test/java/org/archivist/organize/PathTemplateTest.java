package org.archivist.organize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.archivist.catalog.ItemKind;
import org.archivist.catalog.LayoutFacts.Facts;
import org.archivist.catalog.MediaType;
import org.junit.jupiter.api.Test;

/** Layouts read and rendered: variables, fallbacks, safe names, the byte limit. */
class PathTemplateTest {

    private static Facts photo(String path, LocalDateTime taken, String make) {
        return new Facts(1, path, MediaType.IMAGE, null, 1, taken, make, null, null, null, null, null, null, null, ItemKind.PHOTO, null, null, null,
                List.of(), List.of(), null);
    }

    private static Facts track(String path, String artist, String albumArtist, String album, Integer track, String title) {
        return new Facts(1, path, MediaType.AUDIO, null, 1, null, null, null, artist, albumArtist, album, track, title, 2001, ItemKind.TRACK, null,
                null, null, List.of(), List.of(), null);
    }

    private static String render(String layout, Facts facts) throws PathTemplate.Missing {
        return PathTemplate.parse(layout).render(facts);
    }

    @Test
    void theDefaultsLayOutPhotosByTheirLocalDayAndMusicByArtistAndAlbum() throws Exception {
        assertThat(render(PathTemplate.DEFAULTS.get(ItemKind.PHOTO), photo("in/IMG_0042.JPG", LocalDateTime.parse("2024-07-14T23:30:00"), null)))
                .isEqualTo("2024/2024-07-14/IMG_0042.jpg");
        assertThat(render(PathTemplate.DEFAULTS.get(ItemKind.PHOTO), photo("in/scan.png", null, null))).isEqualTo("unknown/unknown-00-00/scan.png");
        String music = PathTemplate.DEFAULTS.get(ItemKind.TRACK);
        assertThat(render(music, track("x/01.flac", "AC/DC", null, "Back in Black", 1, "Hells Bells"))).isEqualTo("AC_DC/Back in Black/01 Hells Bells.flac");
        assertThat(render(music, track("x/a.mp3", "Various", "Compilation Artist", "Hits", 12, "Song"))).isEqualTo("Compilation Artist/Hits/12 Song.mp3");
        assertThat(render(music, track("x/untagged.mp3", null, null, null, null, null))).isEqualTo("Unknown Artist/Unknown Album/untagged.mp3");
        assertThat(render("{make|Unknown}/{month_name}/{name}", photo("a/b.jpg", LocalDateTime.parse("2020-02-03T04:05:06"), "Canon")))
                .as("no {ext}: the extension is kept").isEqualTo("Canon/February/b.jpg");
        assertThat(render("{folder|}/{name}.{ext}", photo("deep/er/README", null, null))).as("no extension, folders kept").isEqualTo("deep/er/README");
        assertThat(render("{artist|folder}/{name}.{ext}", track("f/g/x.mp3", "AC/DC", null, null, null, null)))
                .as("only {folder} may make folders").isEqualTo("AC_DC/x.mp3");
        assertThat(render("{year}/{name}.{ext}", new Facts(1, "b.epub", MediaType.BOOK, null, 1, null, null, null, null, null, null, null, null, null,
                ItemKind.BOOK, "Book", LocalDate.parse("1865-11-26"), null, List.of(), List.of("Lewis Carroll"), null))).isEqualTo("1865/b.epub");
    }

    @Test
    void aMissingValueWithoutFallbackNamesTheVariableAndMistakesAreRefused() {
        assertThatThrownBy(() -> render("{make}/{name}.{ext}", photo("a.jpg", null, null))).isInstanceOf(PathTemplate.Missing.class)
                .hasMessageContaining("no make").hasMessageContaining("{make|unknown}");
        assertThatThrownBy(() -> PathTemplate.parse("{nope}/{name}")).hasMessageContaining("unknown variable {nope}");
        assertThatThrownBy(() -> PathTemplate.parse("{year|a|b}")).hasMessageContaining("only the last choice may be text");
        assertThatThrownBy(() -> PathTemplate.parse("{year")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> PathTemplate.parse("year}")).hasMessageContaining("closes nothing");
        assertThatThrownBy(() -> PathTemplate.parse("/abs/{name}")).hasMessageContaining("starts with /");
        assertThatThrownBy(() -> PathTemplate.parse("{name}/")).hasMessageContaining("ends with /");
        assertThatThrownBy(() -> PathTemplate.parse("../{name}")).hasMessageContaining("stays inside");
    }

    @Test
    void namesAreSafeForEveryFileSystemAndASuffixNeverPushesANameOverTheLimit() {
        assertThat(SafeNames.name(" trailing. . ")).isEqualTo("trailing");
        assertThat(SafeNames.name("..")).isEqualTo("_");
        assertThat(SafeNames.name("a<b>c:d\"e|f?g*h\u0001")).isEqualTo("a_b_c_d_e_f_g_h_");
        assertThat(SafeNames.name("LPT1.txt")).isEqualTo("LPT1_.txt");
        String emoji = "😀".repeat(70) + ".jpg";
        String cut = SafeNames.name(emoji);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(cut).endsWith(".jpg").doesNotContain("\uFFFD");
        String full = "x".repeat(251) + ".jpg";
        String suffixed = SafeNames.withSuffix(full.substring(0, 251), "-12", ".jpg", 255);
        assertThat(suffixed).endsWith("-12.jpg").hasSize(255);
        assertThat(SafeNames.withSuffix("x".repeat(300), "-1", ".jpg", 251)).as("room left for .xmp").hasSize(251).endsWith("-1.jpg");
    }
}
