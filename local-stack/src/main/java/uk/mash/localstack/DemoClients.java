package uk.mash.localstack;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import uk.mash.platform.security.ApiKeyAuthenticationFilter;

/**
 * The API clients of the local stack: two agency systems, a MASH worker and operations. Their keys are for local
 * use only and are printed at start-up; services are given only the keys' hashes, as in production.
 */
public enum DemoClients {

    SCHOOL("demo-school", "SCHOOL-0001", "AGENCY", "local-school-key"),
    POLICE("demo-police", "POLICE-0001", "AGENCY", "local-police-key"),
    MASH_WORKER("demo-mash-worker", null, "MASH_WORKER", "local-mash-worker-key"),
    OPERATIONS("demo-operations", null, "OPERATIONS", "local-operations-key");

    private final String clientName;
    private final String agencyCode;
    private final String role;
    private final String apiKey;

    DemoClients(String clientName, String agencyCode, String role, String apiKey) {
        this.clientName = clientName;
        this.agencyCode = agencyCode;
        this.role = role;
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    public String agencyCode() {
        return agencyCode;
    }

    public String role() {
        return role;
    }

    public String clientName() {
        return clientName;
    }

    /** Command-line properties that give a service every demo client. */
    static List<String> asArguments() {
        List<String> arguments = new ArrayList<>();
        for (DemoClients client : values()) {
            String prefix = "--referrals.security.clients[" + client.ordinal() + "].";
            arguments.add(prefix + "name=" + client.clientName);
            arguments.add(prefix + "key-sha256="
                    + HexFormat.of().formatHex(ApiKeyAuthenticationFilter.sha256(client.apiKey)));
            arguments.add(prefix + "roles=" + client.role);
            if (client.agencyCode != null) {
                arguments.add(prefix + "agency-code=" + client.agencyCode);
            }
        }
        return arguments;
    }
}
