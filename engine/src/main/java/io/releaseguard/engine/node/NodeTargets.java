package io.releaseguard.engine.node;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.FileTooLargeException;
import io.releaseguard.engine.target.Target;
import io.releaseguard.engine.target.TargetFile;
import io.releaseguard.engine.target.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Targets opened on the node: a snapshot's file reads and writes, a restore command and the SSH pre-flight run
 * there, with the node's files and {@code ssh} client. The snapshot store itself stays with the caller (the
 * controller's state); only file bytes cross, in chunks of at most {@link NodeStaging#CHUNK} per task, staged in an
 * owner-only temporary file on the node, so no single task or answer carries a whole file. Each operation opens the
 * target on the node and closes it again, so nothing but a staging file is held on the node between calls.
 */
public final class NodeTargets implements Targets {
    private final NodeExecutor node;
    private final NodeSite site;

    public NodeTargets(NodeExecutor node, NodeSite site) {
        this.node = node;
        this.site = site;
    }

    @Override
    public Target open(ReleaseGuardConfig config, String environment, ServiceSpec service)
            throws ReleaseGuardException {
        return open(config, environment, service, DEFAULT_TIMEOUT);
    }

    @Override
    public Target open(ReleaseGuardConfig config, String environment, ServiceSpec service, Duration timeout)
            throws ReleaseGuardException {
        Address at = new Address(site, environment, service.name(), timeout);
        String description =
                node.call(new Call(at, Op.DESCRIBE, null, null, null, 0, 0)).description();
        return new Remote(at, description);
    }

    private final class Remote implements Target {
        private final Address at;
        private final String description;

        Remote(Address at, String description) {
            this.at = at;
            this.description = description;
        }

        @Override
        public Optional<TargetFile> read(String path, long maxBytes, OutputStream content)
                throws ReleaseGuardException {
            // The node stages the whole file first, so every chunk comes from one consistent copy.
            Answer a = call(Op.READ, path, null, null, 0, maxBytes);
            if (a.tooLarge() != null) {
                // The node refused it from its size: the caller tells this apart from any other failure.
                throw new FileTooLargeException(a.tooLarge());
            }
            if (a.staged() == null) {
                return Optional.empty();
            }
            try {
                long offset = 0;
                while (offset < a.size()) {
                    byte[] chunk =
                            call(Op.CHUNK, null, a.staged(), null, 0, offset).bytes();
                    if (chunk.length == 0) {
                        throw new ReleaseGuardException(
                                ExitCode.UNEXPECTED, description + ": " + path + " ended early on the node");
                    }
                    content.write(chunk);
                    offset += chunk.length;
                }
            } catch (IOException e) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, description + ": cannot store " + path + ": " + e.getMessage(), e);
            } finally {
                discard(a.staged());
            }
            return Optional.of(new TargetFile(a.size(), a.mode()));
        }

        @Override
        public void writeAtomically(String path, InputStream content, long size, int mode)
                throws ReleaseGuardException {
            String staged = call(Op.STAGE, null, null, null, 0, 0).staged();
            try {
                byte[] buffer = new byte[NodeStaging.CHUNK];
                long offset = 0;
                int n;
                while ((n = content.readNBytes(buffer, 0, buffer.length)) > 0) {
                    call(Op.APPEND, null, staged, Arrays.copyOf(buffer, n), 0, offset);
                    offset += n;
                }
                // Only a stream that ended cleanly is committed; the node checks the size again.
                call(Op.COMMIT, path, staged, null, mode, size);
            } catch (IOException e) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, description + ": cannot write " + path + ": " + e.getMessage(), e);
            } finally {
                discard(staged);
            }
        }

        @Override
        public void delete(String path) throws ReleaseGuardException {
            call(Op.DELETE, path, null, null, 0, 0);
        }

        @Override
        public ExecResult exec(String command) throws ReleaseGuardException {
            Answer a = call(Op.EXEC, command, null, null, 0, 0);
            return new ExecResult(a.exitCode(), a.bytes(), a.stderr());
        }

        @Override
        public String describe() {
            return description;
        }

        @Override
        public void close() {
            // Nothing is held open on the node between operations.
        }

        private Answer call(Op op, String argument, String staged, byte[] bytes, int mode, long number)
                throws ReleaseGuardException {
            return node.call(new Call(at, op, argument, staged, bytes, mode, number));
        }

        private void discard(String staged) {
            try {
                call(Op.DISCARD, null, staged, null, 0, 0);
            } catch (ReleaseGuardException e) {
                // An owner-only leftover in the node's temporary directory; the operation's own outcome matters.
            }
        }
    }

    /** What a task does; the staging operations move a file's content in chunks of {@link NodeStaging#CHUNK}. */
    enum Op {
        DESCRIBE,
        /** Copies the target file into a staging file on the node. */
        READ,
        /** One chunk of a staging file. */
        CHUNK,
        /** A new empty staging file. */
        STAGE,
        /** One more chunk for a staging file. */
        APPEND,
        /** Replaces the target file with a staging file's content. */
        COMMIT,
        DISCARD,
        DELETE,
        EXEC
    }

    /** Which service's target in which environment, under which policy, each operation limited to {@code timeout}. */
    record Address(NodeSite site, String environment, String service, Duration timeout) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One operation; {@code argument} is the path, or the command for {@link Op#EXEC}; {@code staged} names a staging
     * file on the node, {@code bytes} a chunk for it; {@code mode} the permission bits a commit gives the file;
     * {@code number} the size a read refuses above, a chunk's offset, or the size a commit expects.
     */
    record Call(Address at, Op op, String argument, String staged, byte[] bytes, int mode, long number)
            implements NodeTask<Answer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Answer run() throws ReleaseGuardException {
            switch (op) {
                case CHUNK -> {
                    return Answer.bytes(NodeStaging.chunk(staged, number));
                }
                case STAGE -> {
                    return Answer.staged(NodeStaging.create(), 0, 0);
                }
                case APPEND -> {
                    NodeStaging.append(staged, number, bytes);
                    return Answer.NONE;
                }
                case DISCARD -> {
                    NodeStaging.discard(staged);
                    return Answer.NONE;
                }
                default -> {
                    return onTarget();
                }
            }
        }

        /** The operations that open the target on the node. */
        private Answer onTarget() throws ReleaseGuardException {
            try (PromotionAdapters adapters = at.site().adapters();
                    Target t = adapters.targets()
                            .open(
                                    adapters.config(),
                                    at.environment(),
                                    NodeSite.service(adapters, at.service()),
                                    at.timeout())) {
                return switch (op) {
                    case DESCRIBE -> new Answer(t.describe(), null, 0, 0, null, null, null, 0);
                    case READ -> read(t);
                    case COMMIT -> {
                        try (InputStream in = Files.newInputStream(NodeStaging.file(staged))) {
                            t.writeAtomically(argument, in, number, mode);
                        } catch (IOException e) {
                            throw new ReleaseGuardException(
                                    ExitCode.UNEXPECTED,
                                    "cannot read " + staged + " on the node: " + e.getMessage(),
                                    e);
                        }
                        NodeStaging.discard(staged);
                        yield Answer.NONE;
                    }
                    case DELETE -> {
                        t.delete(argument);
                        yield Answer.NONE;
                    }
                    case EXEC -> {
                        ExecResult r = t.exec(argument);
                        yield new Answer(null, r.stdout(), 0, r.exitCode(), r.stderr(), null, null, 0);
                    }
                    default -> throw new IllegalStateException(op + " does not open the target");
                };
            }
        }

        private Answer read(Target t) throws ReleaseGuardException {
            String name = NodeStaging.create();
            boolean kept = false;
            try (OutputStream out = Files.newOutputStream(NodeStaging.file(name))) {
                Optional<TargetFile> file = t.read(argument, number, out);
                kept = file.isPresent();
                return file.map(f -> Answer.staged(name, f.size(), f.mode())).orElse(Answer.NONE);
            } catch (FileTooLargeException e) {
                return new Answer(null, null, 0, 0, null, e.getMessage(), null, 0);
            } catch (IOException e) {
                throw new ReleaseGuardException(
                        ExitCode.UNEXPECTED, "cannot stage " + argument + " on the node: " + e.getMessage(), e);
            } finally {
                if (!kept) {
                    NodeStaging.discard(name);
                }
            }
        }
    }

    /**
     * What an operation answered: a description, a chunk or a command's output and its permission bits, a command's
     * result, (in {@code tooLarge}) why a file was refused from its size, or a staging file's name and size.
     */
    record Answer(
            String description,
            byte[] bytes,
            int mode,
            int exitCode,
            String stderr,
            String tooLarge,
            String staged,
            long size)
            implements Serializable {
        private static final long serialVersionUID = 2L;
        static final Answer NONE = new Answer(null, null, 0, 0, null, null, null, 0);

        static Answer bytes(byte[] bytes) {
            return new Answer(null, bytes, 0, 0, null, null, null, 0);
        }

        static Answer staged(String name, long size, int mode) {
            return new Answer(null, null, mode, 0, null, null, name, size);
        }
    }
}
