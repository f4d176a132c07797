package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.FileTooLargeException;
import io.releaseguard.engine.target.Target;
import io.releaseguard.engine.target.TargetFile;
import io.releaseguard.engine.target.Targets;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;

/**
 * Targets opened on the node: a snapshot's file reads and writes, a restore command and the SSH pre-flight run
 * there, with the node's files and {@code ssh} client. The snapshot store itself stays with the caller (the
 * controller's state); only file bytes cross. Each operation opens the target on the node and closes it again, so
 * nothing is held open on the node between calls.
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
                node.call(new Call(at, Op.DESCRIBE, null, null, 0, 0)).description();
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
        public Optional<TargetFile> read(String path, long maxBytes) throws ReleaseGuardException {
            Answer a = node.call(new Call(at, Op.READ, path, null, 0, maxBytes));
            if (a.tooLarge() != null) {
                // The node refused it from its size: the caller tells this apart from any other failure.
                throw new FileTooLargeException(a.tooLarge());
            }
            return a.bytes() == null ? Optional.empty() : Optional.of(new TargetFile(a.bytes(), a.mode()));
        }

        @Override
        public void writeAtomically(String path, byte[] bytes, int mode) throws ReleaseGuardException {
            node.call(new Call(at, Op.WRITE, path, bytes, mode, 0));
        }

        @Override
        public void delete(String path) throws ReleaseGuardException {
            node.call(new Call(at, Op.DELETE, path, null, 0, 0));
        }

        @Override
        public ExecResult exec(String command) throws ReleaseGuardException {
            Answer a = node.call(new Call(at, Op.EXEC, command, null, 0, 0));
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
    }

    enum Op {
        DESCRIBE,
        READ,
        WRITE,
        DELETE,
        EXEC
    }

    /** Which service's target in which environment, under which policy, each operation limited to {@code timeout}. */
    record Address(NodeSite site, String environment, String service, Duration timeout) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One operation; {@code argument} is the path, or the command for {@link Op#EXEC}; {@code mode} the permission
     * bits a write gives the file, {@code maxBytes} the size a read refuses above.
     */
    record Call(Address at, Op op, String argument, byte[] bytes, int mode, long maxBytes) implements NodeTask<Answer> {
        private static final long serialVersionUID = 1L;

        @Override
        public Answer run() throws ReleaseGuardException {
            try (PromotionAdapters adapters = at.site().adapters();
                    Target t = adapters.targets()
                            .open(
                                    adapters.config(),
                                    at.environment(),
                                    NodeSite.service(adapters, at.service()),
                                    at.timeout())) {
                return switch (op) {
                    case DESCRIBE -> new Answer(t.describe(), null, 0, 0, null, null);
                    case READ -> read(t);
                    case WRITE -> {
                        t.writeAtomically(argument, bytes, mode);
                        yield new Answer(null, null, 0, 0, null, null);
                    }
                    case DELETE -> {
                        t.delete(argument);
                        yield new Answer(null, null, 0, 0, null, null);
                    }
                    case EXEC -> {
                        ExecResult r = t.exec(argument);
                        yield new Answer(null, r.stdout(), 0, r.exitCode(), r.stderr(), null);
                    }
                };
            }
        }

        private Answer read(Target t) throws ReleaseGuardException {
            try {
                return t.read(argument, maxBytes)
                        .map(f -> new Answer(null, f.bytes(), f.mode(), 0, null, null))
                        .orElse(new Answer(null, null, 0, 0, null, null));
            } catch (FileTooLargeException e) {
                return new Answer(null, null, 0, 0, null, e.getMessage());
            }
        }
    }

    /**
     * What an operation answered: a description, file bytes ({@code null}: no such file) and their permission bits,
     * a command's result, or (in {@code tooLarge}) why a file was refused from its size.
     */
    record Answer(String description, byte[] bytes, int mode, int exitCode, String stderr, String tooLarge)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
