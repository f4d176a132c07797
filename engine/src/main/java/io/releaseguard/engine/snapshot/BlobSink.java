package io.releaseguard.engine.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where one file's content is streamed to be stored: each write goes straight to an owner-only temporary file and
 * into a SHA-256, so the store holds no more of it in memory than the writer's own buffer. {@link #finish} forces the
 * file to disk and names its hash; closing an unfinished sink deletes the file.
 */
public final class BlobSink extends OutputStream {
    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private final Sha256.Sink hash = new Sha256.Sink();
    private boolean finished;

    BlobSink(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE);
        this.out = Channels.newOutputStream(channel);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        hash.write(b, off, len);
    }

    /** Forces the content to disk and answers what was staged; nothing may be written after. */
    public StagedBlob finish() throws IOException {
        channel.force(true);
        channel.close();
        finished = true;
        return new StagedBlob(hash.hex(), hash.size(), file);
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
