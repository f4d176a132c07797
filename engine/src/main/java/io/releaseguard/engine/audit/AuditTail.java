package io.releaseguard.engine.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What an append needs from the end of the log, found by reading backwards from the end only: the last complete
 * record's seq and hash, and the torn tail if any. It applies the same rule as the full reader (bytes after the last
 * newline, plus a last line that does not parse); if the line before a torn last line does not parse either, the log
 * is corrupt beyond a crash and appending is refused.
 */
record AuditTail(long lastSeq, String lastHash, Optional<TornTail> torn) {
    private static final int CHUNK = 8192;

    static AuditTail scan(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        long lastNewline = lastNewlineBefore(channel, size);
        Optional<TornTail> torn = lastNewline + 1 < size
                ? Optional.of(new TornTail(lastNewline + 1, size - lastNewline - 1, "no trailing newline"))
                : Optional.empty();
        if (lastNewline < 0) {
            return new AuditTail(0, AuditRecord.GENESIS_HASH, torn);
        }
        long lineStart = lastNewlineBefore(channel, lastNewline) + 1;
        try {
            return found(parseLine(channel, lineStart, lastNewline), torn);
        } catch (AuditCodec.UnparsableLineException e) {
            torn = Optional.of(
                    new TornTail(lineStart, size - lineStart, "last line does not parse: " + e.getMessage()));
        }
        if (lineStart == 0) {
            return new AuditTail(0, AuditRecord.GENESIS_HASH, torn);
        }
        long previousStart = lastNewlineBefore(channel, lineStart - 1) + 1;
        try {
            return found(parseLine(channel, previousStart, lineStart - 1), torn);
        } catch (AuditCodec.UnparsableLineException e) {
            throw new IOException("the last two lines (from byte " + previousStart + ") do not parse (" + e.getMessage()
                    + "); this is corruption, not a crash: refusing to append (inspect " + file.getFileName() + ")");
        }
    }

    private static AuditTail found(AuditRecord last, Optional<TornTail> torn) {
        return new AuditTail(last.seq(), last.hash(), torn);
    }

    private static AuditRecord parseLine(FileChannel channel, long from, long newline)
            throws IOException, AuditCodec.UnparsableLineException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(newline - from));
        readFully(channel, bytes, from);
        if (bytes.capacity() == 0) {
            throw new AuditCodec.UnparsableLineException("empty line");
        }
        return AuditCodec.parse(bytes.array(), 0, bytes.capacity());
    }

    /** The offset of the last {@code \n} strictly before {@code end}, or -1. */
    private static long lastNewlineBefore(FileChannel channel, long end) throws IOException {
        long chunkEnd = end;
        while (chunkEnd > 0) {
            long chunkStart = Math.max(0, chunkEnd - CHUNK);
            ByteBuffer chunk = ByteBuffer.allocate((int) (chunkEnd - chunkStart));
            readFully(channel, chunk, chunkStart);
            for (int i = chunk.capacity() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    return chunkStart + i;
                }
            }
            chunkEnd = chunkStart;
        }
        return -1;
    }

    static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) {
                throw new IOException("the file shrank while it was read");
            }
        }
    }
}
