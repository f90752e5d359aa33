package uk.mash.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where a record sits in Kafka; Spring's {@code TopicPartitionOffset} does not compare offsets. */
record RecordPosition(String topic, int partition, long offset) {

    static RecordPosition of(ConsumerRecord<?, ?> record) {
        return new RecordPosition(record.topic(), record.partition(), record.offset());
    }
}
