package uk.mash.platform.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** An agency system's schema drifted from the contract by fields the contract does not have, and what it writes. */
public final class DriftedSchemas {

    private DriftedSchemas() {
    }

    /** The contract with {@code fieldJson} added first to the record named {@code recordName} (simple name). */
    public static Schema withField(Schema contract, String recordName, String fieldJson) {
        String json = contract.toString();
        int record = json.indexOf("\"name\":\"" + recordName + "\"");
        int fields = json.indexOf("\"fields\":[", record) + "\"fields\":[".length();
        return new Schema.Parser().parse(json.substring(0, fields) + fieldJson + "," + json.substring(fields));
    }

    /** {@code datum} as a system writing with {@code drifted} would send it, its added fields set as given. */
    public static GenericRecord written(SpecificRecord datum, Schema drifted, Map<String, Object> added) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<SpecificRecord>(datum.getSchema()).write(datum, encoder);
            encoder.flush();
            GenericRecord record = new GenericDatumReader<GenericRecord>(datum.getSchema(), drifted)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
            added.forEach(record::put);
            return record;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Confluent wire format of {@code record} under the registry's schema id {@code id}. */
    public static byte[] wireFormat(int id, GenericRecord record) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            bytes.write(ByteBuffer.allocate(5).put((byte) 0).putInt(id).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return bytes.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
