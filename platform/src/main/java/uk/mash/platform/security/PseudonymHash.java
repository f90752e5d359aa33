package uk.mash.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed hash (HMAC-SHA256) that stands for a child's identifiers, under a secret that could be secret
 * ({@link PseudonymSecrets}): intake's child key and triage's matching keys.
 */
public final class PseudonymHash {

    /** Per thread, because a Mac is not thread-safe and looking one up and keying it cost more than the hash. */
    private final ThreadLocal<Mac> macs;

    private PseudonymHash(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> keyed(key));
    }

    /**
     * @throws IllegalStateException naming the setting when the secret could not be secret, see
     *     {@link PseudonymSecrets#requireUsable}
     */
    public static PseudonymHash keyedWith(String secret, String setting, String environmentVariable,
            String service) {
        return new PseudonymHash(PseudonymSecrets.requireUsable(secret, setting, environmentVariable, service));
    }

    /** The hash of the identity, in hex. */
    public String hex(String identity) {
        return HexFormat.of().formatHex(digest(identity));
    }

    /** The first {@code bytes} bytes of the hash of the identity, in hex. */
    public String hex(String identity, int bytes) {
        return HexFormat.of().formatHex(digest(identity), 0, bytes);
    }

    private byte[] digest(String identity) {
        return macs.get().doFinal(identity.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
