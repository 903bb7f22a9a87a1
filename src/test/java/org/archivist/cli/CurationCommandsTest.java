package org.archivist.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.archivist.cli.DbCommandTest.Result;
import org.archivist.db.Engine;
import org.archivist.testing.Corpus;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan}, {@code schedule}, {@code organize} and {@code stash}, run as a person would on a
 * fresh database: analyse, review, apply and undo a plan; change a schedule (and be refused a bad
 * line); preview an organize run, apply exactly that preview, undo it.
 */
class CurationCommandsTest {

    @TempDir
    Path temp;

    private static long number(Pattern pattern, String text) {
        Matcher found = pattern.matcher(text);
        assertThat(found.find()).as(pattern + " in:\n" + text).isTrue();
        return Long.parseLong(found.group(1));
    }

    private static Result ok(String... args) {
        Result result = DbCommandTest.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.out() + result.err()).isZero();
        return result;
    }

    @Test
    void aPlanIsAnalysedReviewedAppliedAndUndoneSchedulesChangeAndARunIsAppliedExactlyAsPreviewed() throws Exception {
        String db = TestDatabases.fresh(Engine.SQLITE).jdbcUrl();
        Path photos = Files.createDirectories(temp.resolve("photos/Rome 2019"));
        Files.copy(Corpus.media().resolve("images/DSCN0010.jpg"), photos.resolve("DSCN0010.jpg"));
        Path root = temp.resolve("photos");
        ok("library", "add", "trip", root.toString(), "--db", db);
        ok("scan", "--library", "trip", "--db", db);

        // A plan: the folder's name proposed as a tag, accepted, applied, undone.
        Result analyzed = ok("plan", "analyze", "--library", "trip", "--rules", "folder_tags", "--db", db);
        long plan = number(Pattern.compile("plan changes (\\d+)"), analyzed.out());
        assertThat(ok("plan", "changes", String.valueOf(plan), "--field", "tag", "--db", db).out()).contains("add tag").contains("Rome");
        assertThat(ok("plan", "accept", String.valueOf(plan), "--min-confidence", "0", "--db", db).out()).contains("changes accepted");
        assertThat(ok("plan", "apply", String.valueOf(plan), "--db", db).out()).contains("applied=");
        assertThat(ok("plan", "undo", String.valueOf(plan), "--db", db).out()).contains("undone=");
        assertThat(DbCommandTest.run("plan", "analyze", "--rules", "folder_tags", "--policy", "tag=sometimes", "--db", db).err())
                .contains("policies.tag: 'sometimes'");

        // Schedules: the seeded tasks listed, a bad line refused with the reason, a good one kept, one turned off.
        ok("db", "seed", "--db", db);
        String tasks = ok("schedule", "--db", db).out();
        assertThat(tasks).contains("nightly-scan");
        Result refused = DbCommandTest.run("schedule", "set", "nightly-scan", "--cron", "0 0 30 2 *", "--db", db);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("never fires").contains("30 February");
        assertThat(ok("schedule", "set", "nightly-scan", "--cron", "30 4 * * *", "--zone", "Europe/Berlin", "--db", db).out())
                .contains("30 4 * * *").contains("Europe/Berlin");
        assertThat(ok("schedule", "disable", "nightly-scan", "--db", db).out()).contains("disabled");

        // Organize: the preview lists the move and moves nothing; the very run shown is applied, then undone.
        Result preview = ok("organize", "--library", "trip", "--dry-run", "--db", db);
        assertThat(preview.out()).contains("move  " + photos.resolve("DSCN0010.jpg"));
        assertThat(photos.resolve("DSCN0010.jpg")).exists();
        long run = number(Pattern.compile("organize --run (\\d+) --yes"), preview.out());
        ok("library", "add", "elsewhere", Files.createDirectories(temp.resolve("elsewhere")).toString(), "--db", db);
        assertThat(DbCommandTest.run("organize", "--run", String.valueOf(run), "--library", "elsewhere", "--yes", "--db", db).err())
                .contains("--run: run " + run + " organizes another library than elsewhere");
        assertThat(ok("organize", "--run", String.valueOf(run), "--yes", "--db", db).out()).contains("applied run " + run);
        assertThat(photos.resolve("DSCN0010.jpg")).doesNotExist();
        assertThat(DbCommandTest.run("organize", "--run", String.valueOf(run), "--yes", "--db", db).err()).contains("only a preview can be applied");
        assertThat(ok("organize", "undo", String.valueOf(run), "--yes", "--db", db).out()).contains("undid run " + run);
        assertThat(photos.resolve("DSCN0010.jpg")).exists();
        assertThat(DbCommandTest.run("organize", "--dry-run", "--db", db).err()).contains("organize needs --library NAME");

        // Stash: not set up yet, and an address that is not http is refused naming the field.
        assertThat(ok("stash", "--db", db).out()).contains("Stash is not set up");
        assertThat(DbCommandTest.run("stash", "set", "ftp://nas.local", "--db", db).err()).contains("url: 'ftp://nas.local' is not an http or https address");
    }
}
