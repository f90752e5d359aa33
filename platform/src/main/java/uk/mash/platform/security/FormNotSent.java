package uk.mash.platform.security;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * A form posted after its sender's session ended. The session's CSRF token ends with it, so Spring Security would
 * answer 403 and what the person typed (a MASH worker's reason for a decision, say) would be lost. Instead it is kept in
 * a new session, the person is sent to sign in again, and once signed in is taken back to the page the form was on,
 * which may offer them what they typed ({@link #takeFrom}). Nothing is done with it until they send it again. A
 * sign-in form is never kept: it holds a key.
 *
 * @param page the path of the page the form was on
 * @param fields what was posted, by field, without the CSRF token
 */
public record FormNotSent(String page, Map<String, List<String>> fields) implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String ATTRIBUTE = FormNotSent.class.getName();
    /** Beyond the longest form the pages have; a bigger post is not kept in anyone's session. */
    private static final int MOST_CHARACTERS_KEPT = 20_000;

    /** The first value posted for the field, or null. */
    public String field(String name) {
        List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The form kept for this page, if there is one; it is then forgotten. */
    public static Optional<FormNotSent> takeFrom(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof FormNotSent kept)
                || !kept.page().equals(request.getRequestURI())) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(kept);
    }

    /** Where to go once signed in: the page of a form kept, else {@code home}. */
    static String returnTo(HttpServletRequest request, String home) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(ATTRIBUTE) instanceof FormNotSent kept ? kept.page()
                : request.getContextPath() + home;
    }

    /**
     * Answers a post refused for want of a CSRF token by keeping the form and sending the person to sign in again
     * ({@code signIn}{@code ?session-ended}); any other refusal is a 403 as before.
     */
    static AccessDeniedHandler keptForAfterSignIn(String base, String signIn) {
        AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();
        return (HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) -> {
            if (!(denied instanceof MissingCsrfTokenException) || !"POST".equals(request.getMethod())) {
                otherwise.handle(request, response, denied);
                return;
            }
            String context = request.getContextPath();
            if (!request.getRequestURI().equals(context + signIn)) {
                pageOf(request, context + base).ifPresent(page -> {
                    FormNotSent form = new FormNotSent(page, fieldsOf(request));
                    if (!form.fields().isEmpty() && form.characters() <= MOST_CHARACTERS_KEPT) {
                        request.getSession(true).setAttribute(ATTRIBUTE, form);
                    }
                });
            }
            response.sendRedirect(context + signIn + "?session-ended");
        };
    }

    /** The page the form was on, from the browser's Referer, if it is one of these pages. */
    private static Optional<String> pageOf(HttpServletRequest request, String base) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return Optional.empty();
        }
        try {
            String path = URI.create(referer).getPath();
            return path != null && (path.equals(base) || path.startsWith(base + "/")) ? Optional.of(path)
                    : Optional.empty();
        }
        catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> fieldsOf(HttpServletRequest request) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!"_csrf".equals(name)) {
                fields.put(name, List.of(values));
            }
        });
        return fields;
    }

    private int characters() {
        return fields.entrySet().stream().mapToInt(field -> field.getKey().length()
                + field.getValue().stream().mapToInt(String::length).sum()).sum();
    }
}
