package uk.mash.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * A form sent after the session ended is kept for the page it was on, never a sign-in form with its key, and offered
 * once; the sender is sent to sign in again.
 */
class FormNotSentTest {

    private static final String TASK_PAGE = "/console/tasks/0199a0f0-0000-7000-8000-000000000001";
    private final AccessDeniedHandler handler = FormNotSent.keptForAfterSignIn("/console", "/console/sign-in");

    @Test
    void aFormPostedAfterTheSessionEndedIsKeptForItsPageAndTheSenderSentToSignIn() throws Exception {
        MockHttpServletRequest posted = post(TASK_PAGE, "http://localhost:8082" + TASK_PAGE);
        posted.addParameter("reason", "Spoke to the school.");
        posted.addParameter("_csrf", "stale");
        MockHttpServletResponse response = new MockHttpServletResponse();

        handler.handle(posted, response, new MissingCsrfTokenException("stale"));

        assertThat(response.getRedirectedUrl()).isEqualTo("/console/sign-in?session-ended");
        assertThat(FormNotSent.returnTo(posted, "/console/tasks")).isEqualTo(TASK_PAGE);
        MockHttpServletRequest backOnThePage = get(TASK_PAGE, (MockHttpSession) posted.getSession());
        FormNotSent kept = FormNotSent.takeFrom(backOnThePage).orElseThrow();
        assertThat(kept.field("reason")).isEqualTo("Spoke to the school.");
        assertThat(kept.fields()).doesNotContainKey("_csrf");
        assertThat(FormNotSent.takeFrom(backOnThePage)).as("offered once").isEmpty();
    }

    @Test
    void aFormOnThePagesOwnAddressIsKeptForIt() throws Exception {
        AccessDeniedHandler operations = FormNotSent.keptForAfterSignIn("/operations", "/operations/sign-in");
        MockHttpServletRequest posted = post("/operations/dead-letters", "http://localhost:8084/operations");
        posted.addParameter("reason", "Routing table put right.");

        operations.handle(posted, new MockHttpServletResponse(), new MissingCsrfTokenException("stale"));

        assertThat(FormNotSent.takeFrom(get("/operations", (MockHttpSession) posted.getSession())))
                .map(kept -> kept.field("reason")).contains("Routing table put right.");
    }

    @Test
    void aSignInFormIsNeverKept() throws Exception {
        MockHttpServletRequest signIn = post("/console/sign-in", "http://localhost:8082/console/sign-in");
        signIn.addParameter("workerKey", "a-workers-key");
        MockHttpServletResponse response = new MockHttpServletResponse();

        handler.handle(signIn, response, new MissingCsrfTokenException("stale"));

        assertThat(response.getRedirectedUrl()).isEqualTo("/console/sign-in?session-ended");
        assertThat(signIn.getSession(false)).isNull();
    }

    @Test
    void aPageOfAnotherSiteIsNotReturnedTo() throws Exception {
        MockHttpServletRequest posted = post(TASK_PAGE, "https://elsewhere.example/phish");
        posted.addParameter("reason", "anything");

        handler.handle(posted, new MockHttpServletResponse(), new MissingCsrfTokenException("stale"));

        assertThat(FormNotSent.returnTo(posted, "/console/tasks")).isEqualTo("/console/tasks");
    }

    @Test
    void anyOtherRefusalIsStillForbidden() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        handler.handle(post(TASK_PAGE, null), response, new AccessDeniedException("not a MASH worker"));

        assertThat(response.getStatus()).isEqualTo(403);
    }

    private static MockHttpServletRequest post(String path, String referer) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        if (referer != null) {
            request.addHeader("Referer", referer);
        }
        return request;
    }

    private static MockHttpServletRequest get(String path, MockHttpSession session) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setSession(session);
        return request;
    }
}
