package org.archivist.web;

import java.io.IOException;
import java.util.Map;

import org.archivist.db.DatabaseUnreachable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The database away (stopped, restarting, unreachable) where no controller sees it: the session
 * store and the sign-in filters ask it first. Outermost of all filters, so that every request
 * meets the same answer: 503 with Retry-After, a problem document for the API, a line of text for
 * pages, and one line in the log per request instead of a stack trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseAway extends OncePerRequestFilter {

    private static final tools.jackson.databind.json.JsonMapper PROBLEMS = tools.jackson.databind.json.JsonMapper.builder().build();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            Throwable away = DatabaseUnreachable.cause(e);
            if (away == null || response.isCommitted()) throw e;
            org.slf4j.LoggerFactory.getLogger(DatabaseAway.class).warn("{} {}: the database cannot be reached ({})", request.getMethod(),
                    request.getRequestURI(), DatabaseUnreachable.reason(away));
            response.resetBuffer();
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", DatabaseUnreachable.RETRY_AFTER_SECONDS);
            response.setCharacterEncoding("UTF-8");
            if (request.getRequestURI().startsWith("/api/")) {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                PROBLEMS.writeValue(response.getWriter(), Map.of("type", "about:blank", "title", "Service Unavailable", "status", 503, "detail", DatabaseUnreachable.DETAIL));
            } else {
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.getWriter().write("Archivist: " + DatabaseUnreachable.DETAIL + ".\n");
            }
        }
    }
}
