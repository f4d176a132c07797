package io.releaseguard.engine.node;

import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.config.ServiceSpec;
import io.releaseguard.engine.promotion.PromotionAdapters;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.Target;
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
                node.call(new Call(at, Op.DESCRIBE, null, null, false)).description();
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
        public Optional<byte[]> read(String path) throws ReleaseGuardException {
            Answer a = node.call(new Call(at, Op.READ, path, null, false));
            return Optional.ofNullable(a.bytes());
        }

        @Override
        public void writeAtomically(String path, byte[] bytes, boolean secret) throws ReleaseGuardException {
            node.call(new Call(at, Op.WRITE, path, bytes, secret));
        }

        @Override
        public void delete(String path) throws ReleaseGuardException {
            node.call(new Call(at, Op.DELETE, path, null, false));
        }

        @Override
        public ExecResult exec(String command) throws ReleaseGuardException {
            Answer a = node.call(new Call(at, Op.EXEC, command, null, false));
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

    /** One operation; {@code argument} is the path, or the command for {@link Op#EXEC}. */
    record Call(Address at, Op op, String argument, byte[] bytes, boolean secret) implements NodeTask<Answer> {
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
                    case DESCRIBE -> new Answer(t.describe(), null, 0, null);
                    case READ -> new Answer(null, t.read(argument).orElse(null), 0, null);
                    case WRITE -> {
                        t.writeAtomically(argument, bytes, secret);
                        yield new Answer(null, null, 0, null);
                    }
                    case DELETE -> {
                        t.delete(argument);
                        yield new Answer(null, null, 0, null);
                    }
                    case EXEC -> {
                        ExecResult r = t.exec(argument);
                        yield new Answer(null, r.stdout(), r.exitCode(), r.stderr());
                    }
                };
            }
        }
    }

    /** What an operation answered: a description, file bytes ({@code null}: no such file) or a command's result. */
    record Answer(String description, byte[] bytes, int exitCode, String stderr) implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
