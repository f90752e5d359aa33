package uk.mash.notify.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature an agency system checks before trusting a webhook call: HMAC-SHA256 of the exact body bytes with the
 * secret shared with that agency, hex encoded, in the header {@code X-MASH-Signature} as {@code sha256=<hex>}.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-MASH-Signature";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private WebhookSignature() {
    }

    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
