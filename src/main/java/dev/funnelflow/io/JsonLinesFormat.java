package dev.funnelflow.io;

import dev.funnelflow.event.EventParser;
import dev.funnelflow.event.Ingested;
import dev.funnelflow.event.RecordOrigin;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads a clickstream JSON-lines file as raw bytes per line and parses each with the same {@link EventParser} as
 * the Kafka source: bad bytes reach the parser untouched (so non-UTF-8 input is reported, not mangled), and a
 * record's origin is the file and the byte offset of its line.
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
        return new LineReader(new BufferedInputStream(stream, 1 << 16));
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }

    private final class LineReader implements StreamFormat.Reader<Ingested> {
        private final InputStream in;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
        private long offset;

        LineReader(InputStream in) {
            this.in = in;
        }

        @Override
        public Ingested read() throws IOException {
            while (true) {
                long lineStart = offset;
                line.reset();
                int b;
                while ((b = in.read()) >= 0) {
                    offset++;
                    if (b == '\n') {
                        break;
                    }
                    line.write(b);
                }
                if (b < 0 && line.size() == 0) {
                    return null;
                }
                byte[] bytes = stripCarriageReturn(line.toByteArray());
                if (bytes.length > 0) {
                    return parser.parse(bytes, new RecordOrigin(sourceName, 0, lineStart));
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static byte[] stripCarriageReturn(byte[] bytes) {
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, shorter.length);
            return shorter;
        }
        return bytes;
    }
}
