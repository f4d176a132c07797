package io.releaseguard.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Streams an audit file line by line, parsing each record once, without loading the file or JSON trees in memory.
 * The rule for the end of the file: bytes after the last newline, and a last newline-terminated line that does not
 * parse, form the torn tail; an unparsable line followed by more lines is a problem (corruption), not a tear.
 */
final class AuditFileReader {
    private final List<AuditRecord> records = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private byte[] line = new byte[4096];
    private int length;
    private long lineStart;
    private int lineNumber;
    private BadLine pendingBad;

    private record BadLine(int lineNumber, long offset, long length, String message) {}

    private AuditFileReader() {}

    static AuditReadResult read(Path file) throws IOException {
        AuditFileReader reader = new AuditFileReader();
        try (InputStream in = Files.newInputStream(file)) {
            reader.consume(in);
        } catch (NoSuchFileException e) {
            return new AuditReadResult(List.of(), Optional.empty(), List.of());
        }
        return reader.finish();
    }

    private void consume(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long position = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    appendToLine(buffer, from, i - from);
                    completeLine();
                    lineStart = position + i + 1;
                    from = i + 1;
                }
            }
            appendToLine(buffer, from, n - from);
            position += n;
        }
    }

    private void appendToLine(byte[] buffer, int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(buffer, from, line, length, count);
        length += count;
    }

    private void completeLine() {
        lineNumber++;
        flushPendingBad();
        try {
            if (length == 0) {
                throw new AuditCodec.UnparsableLineException("empty line");
            }
            records.add(AuditCodec.parse(line, 0, length));
        } catch (AuditCodec.UnparsableLineException e) {
            pendingBad = new BadLine(lineNumber, lineStart, length + 1L, e.getMessage());
        }
        length = 0;
    }

    private void flushPendingBad() {
        if (pendingBad != null) {
            problems.add("line " + pendingBad.lineNumber() + " (byte " + pendingBad.offset() + "): does not parse: "
                    + pendingBad.message());
            pendingBad = null;
        }
    }

    private AuditReadResult finish() {
        Optional<TornTail> torn = Optional.empty();
        if (pendingBad != null) {
            String reason = "last line does not parse: " + pendingBad.message();
            torn = Optional.of(new TornTail(pendingBad.offset(), pendingBad.length() + length, reason));
        } else if (length > 0) {
            torn = Optional.of(new TornTail(lineStart, length, "no trailing newline"));
        }
        return new AuditReadResult(records, torn, problems);
    }
}
