package dev.funnelflow.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The byte layout the hand-written serializers share: strings as a length and UTF-8 bytes, arrays with their length
 * first. Flink's own string serializer writes one variable-length code per character through a virtual call; item
 * ids and categories are short ASCII, where a byte array copy is several times faster, and they are most of what the
 * job's busiest records weigh.
 */
final class CompactCodec {

    private CompactCodec() {}

    /** A nullable string: 0 for null, else the byte length plus one, then the bytes. */
    static void write(String value, DataOutputView out) throws IOException {
        if (value == null) {
            writeLength(0, out);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeLength(bytes.length + 1, out);
        out.write(bytes);
    }

    static String read(DataInputView in) throws IOException {
        int length = readLength(in) - 1;
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A non-null array of nullable strings. */
    static void writeArray(String[] values, DataOutputView out) throws IOException {
        writeLength(values.length, out);
        for (String value : values) {
            write(value, out);
        }
    }

    static String[] readArray(DataInputView in) throws IOException {
        String[] values = new String[readLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = read(in);
        }
        return values;
    }

    static void writeFloats(float[] values, DataOutputView out) throws IOException {
        writeLength(values.length, out);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    static float[] readFloats(DataInputView in) throws IOException {
        float[] values = new float[readLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    static void writeDoubles(double[] values, DataOutputView out) throws IOException {
        writeLength(values.length, out);
        for (double value : values) {
            out.writeDouble(value);
        }
    }

    static double[] readDoubles(DataInputView in) throws IOException {
        double[] values = new double[readLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** A nullable array: -1 for null, else the length as an int, then the values. */
    static void writeLongs(long[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (long value : values) {
                out.writeLong(value);
            }
        }
    }

    static long[] readLongs(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** A nullable array, like {@link #writeLongs}. */
    static void writeInts(int[] values, DataOutputView out) throws IOException {
        out.writeInt(values == null ? -1 : values.length);
        if (values != null) {
            for (int value : values) {
                out.writeInt(value);
            }
        }
    }

    static int[] readInts(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    /** A nullable array: a presence flag, then {@link #writeFloats}. */
    static void writeFloatsOrNull(float[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            writeFloats(values, out);
        }
    }

    static float[] readFloatsOrNull(DataInputView in) throws IOException {
        return in.readBoolean() ? readFloats(in) : null;
    }

    /** A nullable array: a presence flag, then {@link #writeDoubles}. */
    static void writeDoublesOrNull(double[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            writeDoubles(values, out);
        }
    }

    static double[] readDoublesOrNull(DataInputView in) throws IOException {
        return in.readBoolean() ? readDoubles(in) : null;
    }

    /** A nullable array: a presence flag, then {@link #writeArray}. */
    static void writeArrayOrNull(String[] values, DataOutputView out) throws IOException {
        out.writeBoolean(values != null);
        if (values != null) {
            writeArray(values, out);
        }
    }

    static String[] readArrayOrNull(DataInputView in) throws IOException {
        return in.readBoolean() ? readArray(in) : null;
    }

    /** Seven bits a byte, low first: one byte below 128. */
    private static void writeLength(int length, DataOutputView out) throws IOException {
        int rest = length;
        while ((rest & ~0x7F) != 0) {
            out.writeByte((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.writeByte(rest);
    }

    private static int readLength(DataInputView in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in.readByte();
            length |= (b & 0x7F) << shift;
            if (b >= 0) {
                return length;
            }
        }
    }
}
