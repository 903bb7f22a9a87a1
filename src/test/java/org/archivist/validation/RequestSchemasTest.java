package org.archivist.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.archivist.accounts.UserSchemas;
import org.archivist.catalog.FileSchemas;
import org.archivist.catalog.ItemKind;
import org.archivist.catalog.ItemSchemas;
import org.archivist.catalog.MediaType;
import org.archivist.catalog.TagSchemas;
import org.archivist.db.Engine;
import org.archivist.jobs.JobSchemas;
import org.archivist.jobs.JobStatus;
import org.archivist.reviews.ReviewSchemas;
import org.archivist.settings.SettingsSchemas;
import org.archivist.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Request records read from JSON, checked by the rules that mirror the database's constraints. */
class RequestSchemasTest {

    private final RequestValidator validator = TestDatabases.context(Engine.SQLITE).getBean(RequestValidator.class);
    private final JsonMapper json = TestDatabases.context(Engine.SQLITE).getBean(JsonMapper.class);

    @Test
    void aValidRequestReadFromJsonPasses() {
        ItemSchemas.Create item = json.readValue("""
                {"kind": "book", "title": "Dune", "itemDate": "1965-08-01", "isbn": "0-441-17271-7", "tags": ["sf"]}""",
                ItemSchemas.Create.class);
        assertThat(validator.validate(item).kind()).isEqualTo(ItemKind.BOOK);
        assertThat(item.itemDate()).isEqualTo(LocalDate.of(1965, 8, 1));
    }

    @Test
    void violationsNameTheFieldAndTheRule() {
        assertThatThrownBy(() -> validator.validate(new TagSchemas.Create(" ", null, "red", null)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("TagSchemas.Create")
                .hasMessageContaining("color must be a colour written #rrggbb")
                .hasMessageContaining("name must not be blank");
        assertThatThrownBy(() -> validator.validate(new ReviewSchemas.Create(1L, 6, null)))
                .hasMessageContaining("rating must be less than or equal to 5");
        assertThatThrownBy(() -> validator.validate(new ItemSchemas.Create(ItemKind.BOOK, "x", null, null, "1234567890", null, null, null)))
                .hasMessageContaining("isbn must be a valid ISBN-10 or ISBN-13");
        assertThatThrownBy(() -> validator.validate(new SettingsSchemas.TaskCreate("nightly", "scan", "0 25 * * *", null, null)))
                .hasMessageContaining("schedule '0 25 * * *' is not a valid cron expression").hasMessageContaining("HourOfDay");
        assertThatThrownBy(() -> validator.validate(new UserSchemas.Create("not-an-email", "short", null, null, null)))
                .hasMessageContaining("email must be a well-formed email address")
                .hasMessageContaining("password must be between 10 and 128 characters");
        assertThatThrownBy(() -> validator.validate(new FileSchemas.Create(1L, "a.jpg", -1L, Instant.now(), null,
                MediaType.IMAGE, null, "ABC", new FileSchemas.Metadata(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, 9, 91.0, null, null, null, null, null, null))))
                .hasMessageContaining("sizeBytes must be greater than or equal to 0")
                .hasMessageContaining("sha256 must be 64 lower-case hexadecimal digits")
                .hasMessageContaining("metadata.orientation must be less than or equal to 8")
                .hasMessageContaining("metadata.latitude must be less than or equal to 90");
        InvalidRequestException error = org.assertj.core.api.Assertions.catchThrowableOfType(InvalidRequestException.class,
                () -> validator.validate(new JobSchemas.Create("Scan!", null, 500, null)));
        assertThat(error.violations()).extracting(InvalidRequestException.Violation::field).containsExactly("priority", "type");
    }

    @Test
    void unknownEnumValuesInJsonAreRefusedNamingTheField() {
        assertThatThrownBy(() -> json.readValue("{\"kind\": \"movie\", \"title\": \"x\"}", ItemSchemas.Create.class))
                .hasMessageContaining("movie").hasMessageContaining("kind");
    }

    @Test
    void responsesSerialiseEnumsInLowerCaseAndInstantsAsIsoText() {
        JobSchemas.Response response = new JobSchemas.Response(1, "scan", JobStatus.RUNNING, Map.of("library", "photos"), 40,
                10L, 4, null, null, 0, 3, 0, "node", Instant.parse("2026-01-02T03:04:05.678Z"),
                Instant.parse("2026-01-02T03:00:00Z"), null, null);
        String text = json.writeValueAsString(response);
        assertThat(text).contains("\"status\":\"running\"").contains("\"heartbeatAt\":\"2026-01-02T03:04:05.678Z\"");
        assertThat(json.readValue(text, JobSchemas.Response.class)).isEqualTo(response);
        String items = json.writeValueAsString(List.of(ItemKind.PHOTO, MediaType.VIDEO));
        assertThat(items).isEqualTo("[\"photo\",\"video\"]");
    }
}
