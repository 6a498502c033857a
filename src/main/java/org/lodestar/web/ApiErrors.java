package org.lodestar.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.lodestar.errors.Conflict;
import org.lodestar.errors.InvalidInput;
import org.lodestar.errors.NotFound;
import org.lodestar.errors.Refused;
import org.lodestar.errors.UpstreamFailed;
import org.lodestar.infrastructure.Labels;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every failure of an API call into an RFC 9457 problem detail that names what was wrong.
 * Unexpected failures are logged with a reference and answered without internals.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidInput.class)
    ProblemDetail invalid(InvalidInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.problems().stream()
                .map(p -> Map.of("field", p.field() == null ? "" : p.field(), "reason", p.reason())).toList());
        return problem;
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return titled(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return titled(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(Refused.class)
    ProblemDetail refused(Refused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle(e.title());
        e.details().forEach(problem::setProperty);
        return problem;
    }

    @ExceptionHandler(UpstreamFailed.class)
    ProblemDetail upstream(UpstreamFailed e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, e.getMessage());
        problem.setTitle("Delivery failed");
        return problem;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return titled(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        Throwable root = e.getMostSpecificCause();
        String reason = root instanceof IllegalArgumentException && root.getMessage() != null
                && root.getMessage().startsWith("expected") ? root.getMessage()
                : "expected " + (e.getRequiredType() == null ? "another value" : describe(e.getRequiredType()))
                        + ", got '" + e.getValue() + "'";
        return invalid(new InvalidInput(e.getName(), reason));
    }

    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ProblemDetail refusedByDatabase(org.springframework.dao.DataIntegrityViolationException e) {
        log.warn("Database refused a change: {}", e.getMostSpecificCause().getMessage());
        return titled(HttpStatus.CONFLICT, "The change conflicts with data already stored (a value too long, "
                + "a duplicate, or a reference that no longer exists); nothing was written");
    }

    /** Two changes to the same records at once (a deadlock or lock timeout): nothing was written, and a retry works. */
    @ExceptionHandler(org.springframework.dao.PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> busy(org.springframework.dao.PessimisticLockingFailureException e) {
        log.warn("A change met another one on the same records: {}", e.getMostSpecificCause().getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1").body(titled(
                HttpStatus.SERVICE_UNAVAILABLE, "Another change to the same records was under way; nothing was written. "
                        + "Try again in a moment"));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure, reference {}", reference, e);
        ProblemDetail problem = titled(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; the log has the details under reference " + reference);
        problem.setProperty("reference", reference);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(new InvalidInput(e.getParameterName(), "is required; expected "
                + describe(e.getMethodParameter().getParameterType()))));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "value" : e.getPropertyName();
        return ResponseEntity.badRequest().body(invalid(new InvalidInput(name, "expected "
                + (e.getRequiredType() == null ? "another value" : describe(e.getRequiredType())) + ", got '"
                + e.getValue() + "'")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException jackson = null;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof BodyTooLarge tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .body(titled(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage()));
            }
            if (jackson == null && c instanceof JacksonException found) {
                jackson = found;
            }
        }
        InvalidInput invalid = jackson != null ? fromJackson(jackson)
                : new InvalidInput(null, "the request body is missing or is not JSON");
        return ResponseEntity.badRequest().body(invalid(invalid));
    }

    static InvalidInput fromJackson(JacksonException e) {
        String field = path(e.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return new InvalidInput(field, "unknown field '" + unknown.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; known fields: " + String.join(", ", known)));
        }
        if (e instanceof ValueInstantiationException || e.getCause() instanceof IllegalArgumentException) {
            Throwable root = e.getCause() != null ? e.getCause() : e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return new InvalidInput(field, root.getMessage());
        }
        if (e instanceof InvalidFormatException format) {
            return new InvalidInput(field, "expected " + describe(format.getTargetType()) + ", got '"
                    + format.getValue() + "'");
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return new InvalidInput(field, "expected " + describe(mismatched.getTargetType()));
        }
        if (e instanceof StreamReadException read) {
            String where = read.getLocation() == null ? ""
                    : " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr();
            return new InvalidInput(null, "malformed JSON" + where + ": " + read.getOriginalMessage());
        }
        return new InvalidInput(field, e.getOriginalMessage());
    }

    private static String path(List<JacksonException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        return path.stream().map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    private static String describe(Class<?> type) {
        String name = type.getSimpleName();
        return switch (name) {
            case "LocalDate" -> "a date as YYYY-MM-DD";
            case "Instant", "OffsetDateTime" -> "a timestamp such as 2026-01-31T14:00:00Z";
            case "BigDecimal" -> "a number";
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "List", "Set" -> "a list";
            default -> type.isEnum() ? "one of " + enumChoices(type) : "a " + name;
        };
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static String enumChoices(Class<?> type) {
        return Labels.choices((Class) type);
    }

    private static ProblemDetail titled(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
