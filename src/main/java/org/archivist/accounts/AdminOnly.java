package org.archivist.accounts;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What only an admin may do, by method and path: libraries (adding, changing, removing), scans,
 * settings, users, detection over every library, applying duplicate decisions (moving files to the
 * trash), the jobs' controls, analysis plans, scheduled tasks, the Stash connection, and adding books without files (an item without files is the admins'). The authorization test holds every endpoint to this list.
 */
final class AdminOnly {

    private record Rule(String method, Pattern path) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("POST", Pattern.compile("/api/libraries")), new Rule("PATCH", Pattern.compile("/api/libraries/[^/]+")),
            new Rule("DELETE", Pattern.compile("/api/libraries/[^/]+")), new Rule("POST", Pattern.compile("/libraries")),
            new Rule("POST", Pattern.compile("/api/libraries/[^/]+/scan")), new Rule("POST", Pattern.compile("/libraries/[^/]+/scan")),
            new Rule("*", Pattern.compile("/api/settings(/.*)?")),
            new Rule("*", Pattern.compile("/api/users(/.*)?")), new Rule("*", Pattern.compile("/users(/.*)?")),
            new Rule("POST", Pattern.compile("/api/duplicates/find")),
            new Rule("POST", Pattern.compile("/api/books(/.*)?")),
            new Rule("*", Pattern.compile("/trash/apply")),
            // Analysis plans read and change every library's items: the household's admins run and review them.
            new Rule("*", Pattern.compile("/api/plans(/.*)?")), new Rule("*", Pattern.compile("/plans(/.*)?")),
            new Rule("*", Pattern.compile("/api/schedules(/.*)?")), new Rule("*", Pattern.compile("/schedules(/.*)?")),
            new Rule("*", Pattern.compile("/api/stash(/.*)?")),
            // Metrics say how big each library is and what everyone does: admins only.
            new Rule("*", Pattern.compile("/actuator(/.*)?")),
            // Organizing moves a library's files on disk: admins only.
            new Rule("*", Pattern.compile("/api/organize(/.*)?")), new Rule("*", Pattern.compile("/organize(/.*)?")),
            new Rule("POST", Pattern.compile("/api/jobs/[^/]+/(cancel|retry)")), new Rule("POST", Pattern.compile("/jobs/[^/]+/cancel")));

    static final RequestMatcher MATCHER = request -> {
        String path = request.getRequestURI();
        for (Rule rule : RULES) {
            if ((rule.method().equals("*") || rule.method().equals(request.getMethod())) && rule.path().matcher(path).matches()) return true;
        }
        return false;
    };

    private AdminOnly() {
    }
}
