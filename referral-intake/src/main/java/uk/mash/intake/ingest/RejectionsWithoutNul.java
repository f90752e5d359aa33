package uk.mash.intake.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import uk.mash.events.ReferralRejected;

/**
 * A rejection with every NUL character (U+0000) in its texts, the submission it carries included, replaced by U+FFFD.
 * A submission is refused for holding one ({@code INVALID_CHARACTER}) because PostgreSQL cannot store it; carried
 * into the rejection, it failed the notifier's insert of the notification, which went to a dead-letter topic, and the
 * referrer never heard why their referral was refused.
 */
final class RejectionsWithoutNul {

    private static final String NUL = "\\u0000";
    private static final String REPLACEMENT = "\\ufffd";

    private RejectionsWithoutNul() {
    }

    static ReferralRejected of(ReferralRejected rejected) {
        String json = json(rejected);
        return json.contains(NUL) ? fromJson(json.replace(NUL, REPLACEMENT)) : rejected;
    }

    private static String json(ReferralRejected rejected) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(ReferralRejected.getClassSchema(), bytes);
            new SpecificDatumWriter<>(ReferralRejected.class).write(rejected, encoder);
            encoder.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ReferralRejected fromJson(String json) {
        try {
            return new SpecificDatumReader<>(ReferralRejected.class).read(null,
                    DecoderFactory.get().jsonDecoder(ReferralRejected.getClassSchema(), json));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
