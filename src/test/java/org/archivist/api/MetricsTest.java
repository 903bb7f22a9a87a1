package org.archivist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.archivist.accounts.ApiTokenService;
import org.archivist.accounts.Role;
import org.archivist.catalog.LibraryService;
import org.archivist.scan.ScanProgress;
import org.archivist.scan.ScanService;
import org.archivist.testing.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /actuator/prometheus}: the queue, job durations, scan rates and request latencies, for admins only. */
class MetricsTest extends ApiTest {

    @TempDir
    Path temp;

    @Test
    void anAdminScrapesJobsScansAndRequestLatenciesAndNobodyElseSeesThem() throws Exception {
        Path root = Files.createDirectories(temp.resolve("metrics"));
        for (int i = 0; i < 5; i++) Files.writeString(root.resolve("n" + i + ".txt"), "note " + i);
        var library = bean(LibraryService.class).add(unique("metrics"), root, Set.of(), List.of());
        bean(ScanService.class).scan(bean(LibraryService.class).get(library.getId()), false, ScanProgress.NONE);
        assertThat(get("/api/libraries").status()).isEqualTo(200);

        Answer scraped = get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("archivist_jobs_queue{").contains("status=\"completed\"")
                .contains("archivist_jobs_seconds_count{").contains("type=\"scan\"")
                .contains("archivist_scan_files_total{").contains("outcome=\"added\"")
                .contains("http_server_requests_seconds_bucket{").contains("uri=\"/api/libraries\"");

        String admin = apiKey;
        apiKey = tokenOf(server, unique("user") + "@example.org", Role.USER, ApiTokenService.Scope.READ);
        assertThat(get("/actuator/prometheus").status()).as("a user").isEqualTo(403);
        apiKey = null;
        assertThat(get("/actuator/prometheus").status()).as("anonymous").isEqualTo(401);
        apiKey = admin;
        assertThat(get("/actuator/health").status()).as("only the Prometheus endpoint is served").isEqualTo(404);
    }
}
