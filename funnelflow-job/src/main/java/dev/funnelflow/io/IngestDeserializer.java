package dev.funnelflow.io;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Parses clickstream records inside the Kafka source, so watermarks follow event time per partition. */
final class IngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private final EventParser parser;

    IngestDeserializer(EventParser parser) {
        this.parser = parser;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        // The record's timestamp (-1 when it has none) bounds how far ahead its event time may be.
        RecordOrigin origin = new RecordOrigin(record.topic(), record.partition(), record.offset(),
                System.currentTimeMillis(), record.timestamp());
        out.collect(parser.parse(record.value(), origin));
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
