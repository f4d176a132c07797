package io.releaseguard.engine.audit;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.FileMutex;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log as a JSON Lines file: one record per line, each append written and forced to disk before it returns,
 * every operation under a {@link FileMutex} on the sibling {@code <file>.lock} so concurrent processes keep one chain.
 * Before appending after a crash, a torn tail is moved byte for byte to {@code <file>.torn-<epochMillis>}, cut off,
 * and the repair itself is audited (action {@value #REPAIR_ACTION}), so nothing is lost and the chain stays valid.
 */
public final class FileAuditLog implements AuditLog {
    /** The action of the record that documents a torn-tail repair. */
    public static final String REPAIR_ACTION = "audit.repair";

    private final Path file;
    private final Clock clock;
    private final FileMutex mutex;

    public FileAuditLog(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        this.mutex = new FileMutex(this.file.resolveSibling(this.file.getFileName() + ".lock"));
    }

    /** The file this log writes. */
    public Path file() {
        return file;
    }

    @Override
    public AuditRecord append(AuditEntry entry) throws ReleaseGuardException {
        return mutex.guarded(file + ": cannot append", () -> appendLocked(entry));
    }

    @Override
    public AuditReadResult read() throws ReleaseGuardException {
        if (!Files.exists(file)) {
            return new AuditReadResult(java.util.List.of(), java.util.Optional.empty(), java.util.List.of());
        }
        return mutex.guarded(file + ": cannot read", () -> AuditFileReader.read(file));
    }

    @Override
    public Optional<AuditAnchor> head() throws ReleaseGuardException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return mutex.guarded(file + ": cannot read", () -> {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                AuditTail tail = AuditTail.scan(channel, file);
                return tail.lastSeq() == 0
                        ? Optional.<AuditAnchor>empty()
                        : Optional.of(new AuditAnchor(tail.lastSeq(), tail.lastHash()));
            }
        });
    }

    @Override
    public AuditVerification verify() throws ReleaseGuardException {
        return AuditChain.verify(read());
    }

    private AuditRecord appendLocked(AuditEntry entry) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            AuditTail tail = AuditTail.scan(channel, file);
            long seq = tail.lastSeq() + 1;
            String prevHash = tail.lastHash();
            long end = channel.size();
            if (tail.torn().isPresent()) {
                TornTail torn = tail.torn().get();
                AuditRecord repair = AuditCodec.seal(seq, clock.instant(), repairEntry(channel, torn), prevHash);
                channel.truncate(torn.offset());
                channel.force(true);
                end = writeFully(channel, AuditCodec.line(repair), torn.offset());
                seq++;
                prevHash = repair.hash();
            }
            AuditRecord record = AuditCodec.seal(seq, clock.instant(), entry, prevHash);
            writeFully(channel, AuditCodec.line(record), end);
            channel.force(true);
            if (created) {
                AtomicFiles.syncDirectory(file.getParent());
            }
            return record;
        }
    }

    /** Saves the torn bytes (durably, before anything is cut) and describes the repair. */
    private AuditEntry repairEntry(FileChannel channel, TornTail torn) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(torn.length()));
        AuditTail.readFully(channel, bytes, torn.offset());
        Path quarantine = quarantineFile();
        AtomicFiles.write(quarantine, bytes.array());
        String name = quarantine.getFileName().toString();
        return new AuditEntry(
                "release-guard",
                REPAIR_ACTION,
                null,
                file.getFileName().toString(),
                "REPAIRED",
                torn.describe() + " moved to " + name,
                Map.of(
                        "offset", Long.toString(torn.offset()),
                        "length", Long.toString(torn.length()),
                        "quarantine", name));
    }

    private Path quarantineFile() {
        String base = file.getFileName() + ".torn-" + clock.millis();
        Path candidate = file.resolveSibling(base);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = file.resolveSibling(base + "-" + i);
        }
        return candidate;
    }

    private static long writeFully(FileChannel channel, byte[] bytes, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        return at;
    }
}
