package uk.mash.platform.registry;

/**
 * The schema registry could not be reached, did not answer in time, or refused a request. Messages name the registry,
 * the subject or schema id and the registry's own explanation, never the contents of a record being written.
 */
public class SchemaRegistryException extends RuntimeException {

    /** Used for {@link #httpStatus()} and {@link #errorCode()} when the registry gave no answer. */
    public static final int NO_RESPONSE = -1;

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final int errorCode;

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = NO_RESPONSE;
        this.errorCode = NO_RESPONSE;
    }

    public SchemaRegistryException(String message, int httpStatus, int errorCode) {
        super(message);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The HTTP status of the registry's answer, or {@link #NO_RESPONSE}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code} (e.g. 409, 40401, 42201), or {@link #NO_RESPONSE}. */
    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry answered with a refusal, as opposed to not answering. */
    public boolean isRefusal() {
        return httpStatus != NO_RESPONSE;
    }

    /**
     * Whether the registry could not answer the question now, so that asked again later it may: no answer, a server
     * error, or a request to come back later: a managed registry's request quota (429) or a proxy's timeout (408),
     * right after a deploy when every consumer looks up the schema ids it has not seen yet.
     */
    public boolean isUnavailable() {
        return httpStatus == NO_RESPONSE || httpStatus >= 500 || httpStatus == 429 || httpStatus == 408;
    }
}
