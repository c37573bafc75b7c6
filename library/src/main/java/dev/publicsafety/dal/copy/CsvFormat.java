package dev.publicsafety.dal.copy;

import java.nio.charset.StandardCharsets;
import org.jooq.EnumType;
import org.jooq.JSONB;

/** COPY's CSV format: every value quoted, an unquoted empty field for NULL. Takes any column type. */
final class CsvFormat implements CopyFormat {

    private final StringBuilder buffer = new StringBuilder(1 << 17);

    @Override
    public String option() {
        return "csv";
    }

    @Override
    public void appendRow(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                buffer.append(',');
            }
            appendValue(values[i]);
        }
        buffer.append('\n');
    }

    @Override
    public int buffered() {
        return buffer.length();
    }

    @Override
    public byte[] drain() {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        buffer.setLength(0);
        return bytes;
    }

    @Override
    public void finish() {
        // CSV needs no trailer: the end of the copy ends the data.
    }

    private void appendValue(Object value) {
        if (value == null) {
            return; // an unquoted empty field is NULL in CSV COPY
        }
        String text;
        if (value instanceof JSONB jsonb) {
            text = jsonb.data();
        } else if (value instanceof EnumType enumValue) {
            text = enumValue.getLiteral();
        } else if (value instanceof String[] array) {
            text = textArray(array);
        } else {
            text = value.toString();
        }
        // Whole-string appends: copying char by char was the largest client-side cost of a bulk ingest.
        buffer.append('"').append(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\"")).append('"');
    }

    private static String textArray(String[] values) {
        StringBuilder array = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return array.append('}').toString();
    }
}
