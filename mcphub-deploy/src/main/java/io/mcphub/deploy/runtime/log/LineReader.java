package io.mcphub.deploy.runtime.log;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads newline-terminated lines from a process pipe with a cap on their length, so one endless line from a broken
 * program costs bounded memory: the rest of an over-long line is skipped and the line is marked truncated.
 */
public final class LineReader {

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean truncated;

    public LineReader(InputStream in, int maxBytes) {
        this.in = new BufferedInputStream(in, 64 * 1024);
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}); null at the end of the stream. */
    public String readLine() throws IOException {
        line.reset();
        truncated = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return text();
            }
            if (line.size() < maxBytes) {
                line.write(b);
            } else {
                truncated = true;
            }
        }
        return line.size() > 0 || truncated ? text() : null;
    }

    /** Whether the line last returned was cut at the cap. */
    public boolean truncated() {
        return truncated;
    }

    private String text() {
        int size = line.size();
        byte[] bytes = line.toByteArray();
        if (size > 0 && bytes[size - 1] == '\r') {
            size--;
        }
        return new String(bytes, 0, size, StandardCharsets.UTF_8);
    }
}
