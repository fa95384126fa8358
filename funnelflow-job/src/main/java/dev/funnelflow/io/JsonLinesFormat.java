package dev.funnelflow.io;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a clickstream JSON-lines file and parses each line with the same {@link EventParser} as the Kafka
 * source; a record's origin is the file and the byte offset of its line.
 */
public final class JsonLinesFormat extends SimpleStreamFormat<Ingested> {

    private static final long serialVersionUID = 1L;

    private final EventParser parser;
    private final String sourceName;

    public JsonLinesFormat(EventParser parser, String sourceName) {
        this.parser = parser;
        this.sourceName = sourceName;
    }

    @Override
    public StreamFormat.Reader<Ingested> createReader(Configuration config, FSDataInputStream stream) {
        LineReader lines = new LineReader(stream);
        return new StreamFormat.Reader<>() {
            @Override
            public Ingested read() throws IOException {
                byte[] line = lines.next();
                return line == null ? null : parser.parse(line, new RecordOrigin(sourceName, 0, lines.lineStart(),
                        System.currentTimeMillis()));
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
