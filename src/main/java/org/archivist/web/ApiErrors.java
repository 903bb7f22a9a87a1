package org.archivist.web;

import java.util.List;

import org.archivist.db.DatabaseException;
import org.archivist.db.IllegalTransitionException;
import org.archivist.db.NotFoundException;
import org.archivist.jobs.JobRunner;
import org.archivist.validation.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The API's errors as RFC 9457 problem details whose {@code detail} names the field or the thing
 * and the reason, the same words the command line prints.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiErrors {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        // Field and reason, as every other refusal says it; the request's class name is nobody's business.
        String detail = e.violations().stream().map(v -> v.field() + ": " + v.rule())
                .collect(java.util.stream.Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.isEmpty() ? e.getMessage() : detail);
        List<String> violations = e.violations().stream().map(InvalidRequestException.Violation::toString).toList();
        problem.setProperty("violations", violations);
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongType(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.getName() + ": '" + e.getValue() + "' is not a valid " + (e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName()));
    }

    /** Malformed JSON, a value of the wrong type, a field the request does not have: named, with the reason. */
    @ExceptionHandler(org.springframework.http.converter.HttpMessageNotReadableException.class)
    ProblemDetail unreadable(org.springframework.http.converter.HttpMessageNotReadableException e) {
        // The Jackson error that knows the field, not its own cause (a DateTimeParseException knows none).
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof tools.jackson.core.JacksonException) {
                cause = t;
                break;
            }
        }
        String detail;
        if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            detail = unknown.getPropertyName() + ": not a field of this request";
        } else if (cause instanceof tools.jackson.core.JacksonException json && !json.getPath().isEmpty()) {
            String field = json.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
            detail = field + ": " + json.getOriginalMessage().lines().findFirst().orElse("not a valid value");
        } else if (cause instanceof tools.jackson.core.JacksonException json) {
            detail = "the request body is not valid JSON: " + json.getOriginalMessage().lines().findFirst().orElse("");
        } else {
            detail = "the request body is missing or unreadable";
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    }

    @ExceptionHandler(org.springframework.web.servlet.resource.NoResourceFoundException.class)
    ProblemDetail noSuchEndpoint(org.springframework.web.servlet.resource.NoResourceFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath() + " (the API is described at /api/docs)");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({JobRunner.JobBusyException.class, IllegalTransitionException.class})
    ProblemDetail conflict(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A change the stored rows refuse (a file that does not exist, a name taken meanwhile). */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ProblemDetail refusedByTheDatabase(org.springframework.dao.DataIntegrityViolationException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "the catalogue refused the change (a referenced row does not exist, or a unique value is taken)");
    }

    @ExceptionHandler(DatabaseException.class)
    ProblemDetail unavailable(DatabaseException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    /** The database away (stopped, restarting, unreachable), met inside a controller: the same answer as {@link DatabaseAway}'s. */
    @ExceptionHandler({org.springframework.dao.DataAccessResourceFailureException.class, org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.TransientDataAccessResourceException.class})
    org.springframework.http.ResponseEntity<ProblemDetail> databaseAway(RuntimeException e, jakarta.servlet.http.HttpServletRequest request) {
        org.slf4j.LoggerFactory.getLogger(ApiErrors.class).warn("{} {}: the database cannot be reached ({})", request.getMethod(), request.getRequestURI(),
                org.archivist.db.DatabaseUnreachable.reason(e));
        return org.springframework.http.ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", org.archivist.db.DatabaseUnreachable.RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, org.archivist.db.DatabaseUnreachable.DETAIL));
    }

    /** Anything else is this server's fault: logged in full, answered without internals. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e, jakarta.servlet.http.HttpServletRequest request) {
        // Spring's own errors (a status already chosen) keep their answer.
        if (e instanceof org.springframework.web.ErrorResponse known) return known.getBody();
        if (clientWentAway(e)) return null; // nobody to answer, and not a fault of ours: a closed tab, a stopped download
        org.slf4j.LoggerFactory.getLogger(ApiErrors.class).error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the server could not answer this request (" + e.getClass().getSimpleName() + "); the server's log has the details");
    }

    /** The client closed the connection while the answer was being written. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException
                    || cause.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
        }
        return false;
    }
}
