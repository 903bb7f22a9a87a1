package org.archivist.web;

import java.util.Map;

import org.archivist.db.DatabaseException;
import org.archivist.db.IllegalTransitionException;
import org.archivist.db.NotFoundException;
import org.archivist.validation.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors of the pages (everything outside {@code /api}) as a page in the site's layout, saying
 * what went wrong in the same words the API and the command line use; the API keeps its problem
 * details ({@link ApiErrors}).
 */
@Component
class PageErrors implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1; // after Boot's recording of the error, before the API's handlers
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/") || path.equals("/api") || ApiErrors.clientWentAway(e)) return null;
        HttpStatus status;
        String message;
        if (e instanceof NotFoundException) {
            status = HttpStatus.NOT_FOUND;
            message = e.getMessage();
        } else if (e instanceof org.springframework.web.servlet.resource.NoResourceFoundException) {
            status = HttpStatus.NOT_FOUND;
            message = "there is no page at " + path;
        } else if (e instanceof InvalidRequestException || e instanceof IllegalArgumentException
                || e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException
                || e instanceof org.springframework.web.bind.MissingServletRequestParameterException) {
            status = HttpStatus.BAD_REQUEST;
            message = e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException m
                    ? m.getName() + ": '" + m.getValue() + "' is not a valid value" : e.getMessage();
        } else if (e instanceof IllegalTransitionException || e instanceof org.springframework.dao.DataIntegrityViolationException) {
            status = HttpStatus.CONFLICT;
            message = e.getMessage();
        } else if (e instanceof DatabaseException) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            message = e.getMessage();
        } else if (e instanceof org.springframework.web.ErrorResponse known) {
            status = HttpStatus.valueOf(known.getStatusCode().value());
            message = known.getBody().getDetail();
        } else {
            log.error("{} {} failed", request.getMethod(), path, e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            message = "the server could not show this page (" + e.getClass().getSimpleName() + "); the server's log has the details";
        }
        response.setStatus(status.value());
        return new ModelAndView("error", Map.of("status", status.value(), "reason", status.getReasonPhrase(),
                "problem", message == null ? status.getReasonPhrase() : message), status);
    }
}
