package uk.mash.platform.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * RFC 9457 problem details for a request body that cannot be read, naming the field at fault: Boot's own handler
 * answers "Failed to read request" and names nothing, so a MASH worker's system could not tell which value to put
 * right. A property the request does not know ({@code UNKNOWN_FIELD}) is refused where the service reads its bodies
 * strictly, as a misnamed finding would otherwise be dropped and the decision recorded without it, and so is a
 * property given twice ({@code REPEATED_FIELD}), whose last value Jackson would otherwise take. A body read by a
 * {@link StrictJsonBody} has every field at fault named; one read by Boot's converter, the first, where Jackson stops.
 * Never quotes a value, which could be a child's details. A service's own handler for its own bodies (intake's for
 * referrals) comes first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class UnreadableBodies {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof DatabindException databind ? JsonPaths.of(databind) : null;
        boolean unknown = e.getCause() instanceof UnrecognizedPropertyException;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field == null
                ? "The body is not readable JSON of the form this endpoint takes."
                : unknown ? field + " is not a property this endpoint takes." : "The value of " + field
                        + " cannot be read.");
        problem.setTitle("Unreadable request");
        problem.setProperty("errors", List.of(new FieldProblem(unknown ? "UNKNOWN_FIELD" : "UNREADABLE", field,
                field == null ? "Send JSON as the API document (/v3/api-docs) describes."
                        : unknown ? "Check the property's name and place against the API document (/v3/api-docs)."
                                : "Check the type and allowed values of " + field + ".")));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Every field at fault in a body read strictly ({@link StrictJsonBody}), each by its path. */
    @ExceptionHandler(StrictJsonBody.NotRead.class)
    ResponseEntity<ProblemDetail> notRead(StrictJsonBody.NotRead e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Nothing was recorded: "
                + e.count() + " field(s) to put right.");
        problem.setTitle("Unreadable request");
        problem.setProperty("errors", e.errors("this endpoint takes"));
        return ResponseEntity.badRequest().body(problem);
    }

    /**
     * A path or query parameter that is not of its type (a referral id that is not a UUID, a status not in its list),
     * named without quoting it: Spring's own answer quotes the value and names no field.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mistyped(MethodArgumentTypeMismatchException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The value of " + e.getName() + " cannot be read.");
        problem.setTitle("Unreadable request");
        problem.setProperty("errors", List.of(new FieldProblem("UNREADABLE", e.getName(),
                "Check the type and allowed values of " + e.getName() + " against the API document "
                        + "(/v3/api-docs).")));
        return ResponseEntity.badRequest().body(problem);
    }

    /** One reason a request was refused, as every service's problem details list them. */
    public record FieldProblem(String code, String field, String message) {
    }
}
