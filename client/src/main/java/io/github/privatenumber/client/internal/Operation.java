package io.github.privatenumber.client.internal;

/**
 * The client's operations, with the name used in logs and in
 * {@link io.github.privatenumber.core.OutcomeUnknownException#operation()}, the HTTP method and the path.
 */
public enum Operation {

    /** Bind A to X. */
    BIND_AX("bindAx", "POST", Operation.BINDING_PATH),
    /** Bind B to Y under an AX binding. */
    BIND_YB("bindYb", "POST", Operation.BINDING_PATH),
    /** Remove an AX binding and its YB bindings. */
    UNBIND("unbind", "DELETE", Operation.BINDING_PATH),
    /** Remove one YB binding by Y. */
    UNBIND_Y("unbindY", "DELETE", Operation.BINDING_PATH),
    /** Remove one YB binding by B. */
    UNBIND_B("unbindB", "DELETE", Operation.BINDING_PATH),
    /** List the relations of a subscription. */
    QUERY("query", "GET", Operation.BINDING_PATH),
    /** List the relations on an X. */
    QUERY_BY_X("queryByX", "GET", Operation.BINDING_PATH),
    /** Ask for a recording's download URL. */
    DOWNLOAD_URL("downloadUrl", "GET", Operation.RECORDING_PATH),
    /** Stop a call in progress. */
    STOP_CALL("stopCall", "POST", Operation.CALL_STOP_PATH);

    /** Bind, unbind and query (SPEC §4–6). */
    public static final String BINDING_PATH = "/rest/omp/xyrelationnumber/v1.0";
    /** Recording download URL (SPEC §7). */
    public static final String RECORDING_PATH = "/rest/provision/voice/record/v1.0";
    /** Stop a call (SPEC §8). */
    public static final String CALL_STOP_PATH = "/rest/httpsessions/callStop/v2.0";

    private final String label;
    private final String method;
    private final String path;

    Operation(String label, String method, String path) {
        this.label = label;
        this.method = method;
        this.path = path;
    }

    /**
     * @return the name used in logs and errors, e.g. {@code bindAx}
     */
    public String label() {
        return label;
    }

    /**
     * @return the HTTP method
     */
    public String method() {
        return method;
    }

    /**
     * @return the request path
     */
    public String path() {
        return path;
    }

    /**
     * @return {@code true} for the methods an HTTP stack or proxy may re-send on its own (GET, DELETE)
     */
    public boolean mayBeResentByHttpStack() {
        return method.equals("GET") || method.equals("DELETE");
    }

    @Override
    public String toString() {
        return label;
    }
}
