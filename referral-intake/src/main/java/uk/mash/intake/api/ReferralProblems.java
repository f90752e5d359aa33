package uk.mash.intake.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.DatabindException;

import uk.mash.intake.validation.Violation;
import uk.mash.platform.web.JsonPaths;
import uk.mash.platform.web.StrictJsonBody;

/**
 * RFC 9457 problem details for refused referrals, naming every field at fault. Ahead of Boot's own problem details
 * handler, which would answer an unreadable body, or one with properties the contract does not know, without saying
 * which field was at fault.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReferralProblems {

    static ProblemDetail refused(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The referral was not accepted: " + violations.size() + " problem(s) to put right.");
        problem.setTitle("Referral refused");
        problem.setProperty("errors", violations);
        return problem;
    }

    static ProblemDetail conflicting(List<Violation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "The referral was not accepted: your agency has already sent a different referral under the same "
                        + "identifiers.");
        problem.setTitle("Referral conflicts with an earlier one");
        problem.setProperty("errors", violations);
        return problem;
    }

    @ExceptionHandler(StrictJsonBody.NotRead.class)
    ResponseEntity<ProblemDetail> notRead(StrictJsonBody.NotRead e) {
        List<String> toPutRight = new ArrayList<>();
        if (!e.unknown().isEmpty()) {
            toPutRight.add(e.unknown().size() + " unknown property name(s)");
        }
        if (!e.unreadable().isEmpty()) {
            toPutRight.add(e.unreadable().size() + " value(s) that cannot be read");
        }
        if (!e.repeated().isEmpty()) {
            toPutRight.add(e.repeated().size() + " property(ies) given more than once");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The referral was not accepted: " + String.join(" and ", toPutRight) + " to put right. "
                        + "Nothing was stored.");
        problem.setTitle(titleOf(e));
        problem.setProperty("errors", e.errors("of the referral here"));
        return ResponseEntity.badRequest().body(problem);
    }

    private static String titleOf(StrictJsonBody.NotRead e) {
        if (e.count() == e.unknown().size()) {
            return "Unknown properties in the referral";
        }
        if (e.count() == e.unreadable().size()) {
            return "Unreadable referral";
        }
        if (e.count() == e.repeated().size()) {
            return "Properties given more than once in the referral";
        }
        return e.repeated().isEmpty() ? "Unknown properties and unreadable values in the referral"
                : "The referral cannot be read as sent";
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        String field = e.getCause() instanceof DatabindException databind ? JsonPaths.of(databind) : null;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                field == null ? "The body is not a readable referral (JSON)."
                        : "The value of " + field + " cannot be read.");
        problem.setTitle("Unreadable referral");
        problem.setProperty("errors", List.of(new Violation("UNREADABLE", field,
                field == null ? "Send a JSON referral." : "Check the type and allowed values of " + field + ".")));
        return ResponseEntity.badRequest().body(problem);
    }
}
