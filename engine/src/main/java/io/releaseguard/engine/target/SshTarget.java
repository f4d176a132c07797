package io.releaseguard.engine.target;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.config.TargetSpec;
import io.releaseguard.engine.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target directory on a remote host, reached with the OpenSSH client ({@code ssh}), optionally through a bastion
 * ({@code -J}, ProxyJump). Host keys are checked strictly against the configured {@code known_hosts} for the bastion
 * and the target alike ({@code StrictHostKeyChecking yes}, no global file, no key learning), so an unknown or changed
 * host key fails the operation. The client runs from an argv list; the remote side gets a fixed script whose data
 * (directory, paths, command) arrives as single-quoted positional parameters, never spliced into the script.
 */
public final class SshTarget implements Target {
    private static final String GUARD = "d=$1; f=$2; shift 3; for p in \"$@\"; do if [ -L \"$d/$p\" ]; then"
            + " echo \"refusing $p: it is a symbolic link\" >&2; exit 3; fi; done; ";
    /**
     * Prints the permission bits (GNU or BSD {@code stat}) on a first line, then the bytes; refuses anything but a
     * regular file before opening it (a FIFO would block the read) and a file over the cap ({@code $max}) from its size.
     */
    private static final String READ = "max=$3; " + GUARD + "if [ ! -e \"$d/$f\" ]; then exit 4; fi;"
            + " if [ ! -f \"$d/$f\" ]; then echo \"$f is not a regular file (a FIFO, socket or device); refusing to"
            + " read it\" >&2; exit 3; fi;"
            + " m=$(stat -c %a -- \"$d/$f\" 2>/dev/null || stat -f %Lp -- \"$d/$f\") || exit 1;"
            + " s=$(wc -c < \"$d/$f\") || exit 1; s=$((s)); if [ \"$s\" -gt \"$max\" ]; then echo \"$s\"; exit 5; fi;"
            + " printf '%s\\n' \"$m\" && exec cat -- \"$d/$f\"";

    /** Takes {@code mode:size}: writes a temporary file, checks it holds exactly {@code size} bytes, then renames. */
    private static final String WRITE = "m=${3%%:*}; n=${3#*:}; " + GUARD
            + "umask 077; t=\"$d/$f.rg-tmp.$$\"; mkdir -p -- \"$(dirname -- \"$d/$f\")\""
            + " && cat > \"$t\" && s=$(wc -c < \"$t\") && [ $((s)) -eq \"$n\" ]"
            + " && chmod \"$m\" \"$t\" && { sync \"$t\" 2>/dev/null || true; }"
            + " && mv -f -- \"$t\" \"$d/$f\" || { rm -f -- \"$t\"; exit 1; }";

    private static final String DELETE = GUARD + "rm -f -- \"$d/$f\"";
    private static final String EXEC = "cd -- \"$1\" && exec sh -c \"$2\"";

    private final TargetSpec.Ssh spec;
    private final Duration timeout;
    private final Path dir;
    private final Path config;
    private final String ssh;
    private final Optional<Map<String, String>> clientEnvironment;

    /** Writes the private client configuration the connection uses; {@link #close} deletes it. */
    public SshTarget(TargetSpec.Ssh spec, Path baseDir, Duration timeout) throws ReleaseGuardException {
        this(spec, baseDir, timeout, "ssh", Optional.empty());
    }

    /**
     * As above, the {@code ssh} client running with {@code clientEnvironment} instead of this process's variables:
     * the agent of an {@code ssh-agent} ({@code SSH_AUTH_SOCK}) is found there when the policy names no {@code
     * identity}. The remote side never sees these variables: the client configuration sends none.
     */
    public SshTarget(TargetSpec.Ssh spec, Path baseDir, Duration timeout, Map<String, String> clientEnvironment)
            throws ReleaseGuardException {
        this(spec, baseDir, timeout, "ssh", Optional.of(Map.copyOf(clientEnvironment)));
    }

    /** As above with another {@code ssh} executable (tests). */
    public SshTarget(TargetSpec.Ssh spec, Path baseDir, Duration timeout, String sshExecutable)
            throws ReleaseGuardException {
        this(spec, baseDir, timeout, sshExecutable, Optional.empty());
    }

    private SshTarget(
            TargetSpec.Ssh spec,
            Path baseDir,
            Duration timeout,
            String sshExecutable,
            Optional<Map<String, String>> clientEnvironment)
            throws ReleaseGuardException {
        this.spec = spec;
        this.timeout = timeout;
        this.ssh = sshExecutable;
        this.clientEnvironment = clientEnvironment;
        try {
            this.dir = Files.createTempDirectory(
                    "rg-ssh-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "cannot create the ssh client directory", e);
        }
        StringBuilder conf = new StringBuilder("Host *\n")
                .append("  BatchMode yes\n")
                .append("  StrictHostKeyChecking yes\n")
                .append("  UserKnownHostsFile ")
                .append(quoted(baseDir.resolve(spec.knownHosts())))
                .append('\n')
                .append("  GlobalKnownHostsFile /dev/null\n")
                .append("  UpdateHostKeys no\n")
                .append("  CheckHostIP no\n")
                .append("  PasswordAuthentication no\n")
                .append("  KbdInteractiveAuthentication no\n")
                .append("  ConnectTimeout 15\n")
                .append("  ServerAliveInterval 15\n")
                .append("  ServerAliveCountMax 2\n")
                .append("  LogLevel ERROR\n");
        if (spec.identity().isPresent()) {
            conf.append("  IdentitiesOnly yes\n  IdentityFile ")
                    .append(quoted(baseDir.resolve(spec.identity().get())))
                    .append('\n');
        }
        try {
            this.config = dir.resolve("ssh_config");
            AtomicFiles.writeSecret(config, conf.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "cannot write the ssh client configuration", e);
        }
    }

    @Override
    public Optional<TargetFile> read(String path, long maxBytes, OutputStream content) throws ReleaseGuardException {
        FirstLine out = new FirstLine(content);
        ExecResult r = Processes.stream(
                argv(remoteArgv(READ, path, Long.toString(maxBytes))),
                null,
                InputStream.nullInputStream(),
                out,
                maxBytes + FirstLine.MAX,
                timeout,
                clientEnvironment);
        if (r.exitCode() == 4) {
            return Optional.empty();
        }
        if (r.exitCode() == 5) {
            // The size arrives on stdout: stderr may carry the remote login's own chatter.
            throw new FileTooLargeException(describe(), path, out.line().strip(), maxBytes);
        }
        check(r, "read " + path);
        if (!out.complete() || !out.line().matches("[0-7]{1,4}")) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, describe() + ": cannot read the permission bits of " + path);
        }
        if (out.forwarded() > maxBytes) {
            throw new FileTooLargeException(describe(), path, "more than " + maxBytes, maxBytes);
        }
        return Optional.of(new TargetFile(out.forwarded(), Integer.parseInt(out.line(), 8)));
    }

    @Override
    public void writeAtomically(String path, InputStream content, long size, int mode) throws ReleaseGuardException {
        // The remote side counts what arrived: a stream cut short never replaces the file.
        ExecResult r = Processes.stream(
                argv(remoteArgv(WRITE, path, TargetFile.octal(mode) + ":" + size)),
                null,
                content,
                OutputStream.nullOutputStream(),
                Processes.MAX_STDOUT,
                timeout,
                clientEnvironment);
        check(r, "write " + path);
    }

    @Override
    public void delete(String path) throws ReleaseGuardException {
        check(remote(DELETE, path, "", null), "delete " + path);
    }

    @Override
    public ExecResult exec(String command) throws ReleaseGuardException {
        ExecResult r = run(List.of("sh", "-c", EXEC, "sh", spec.dir(), command), new byte[0]);
        if (r.exitCode() == 255) {
            throw connectionFailed(r);
        }
        return r;
    }

    @Override
    public String describe() {
        return "ssh:" + spec.user() + "@" + spec.host() + ":" + spec.port() + spec.dir()
                + spec.bastion().map(b -> " via " + b).orElse("");
    }

    @Override
    public void close() {
        try {
            List<String> stop = argv(List.of());
            stop.remove(stop.size() - 1);
            stop.addAll(stop.indexOf("--"), List.of("-O", "exit"));
            Processes.run(stop, null, new byte[0], Duration.ofSeconds(10), clientEnvironment);
        } catch (ReleaseGuardException e) {
            // No master was started (every connection failed), or it is already gone.
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // Leftovers hold no secret (paths only, a dead socket) and live in an owner-only temp directory.
        }
    }

    /** The argv of the ssh client for one remote command (tests read it to check no shell line is built). */
    List<String> argv(List<String> remoteArgv) {
        return argv(remoteArgv, true);
    }

    private List<String> argv(List<String> remoteArgv, boolean multiplex) {
        List<String> argv = new ArrayList<>(List.of(ssh, "-F", config.toString(), "-p", String.valueOf(spec.port())));
        // One authenticated connection (through the bastion) serves every operation of this target. Given as -o,
        // not in the file, so the bastion hop (which reads the same -F file) does not become a master too.
        if (multiplex) {
            argv.addAll(List.of(
                    "-o", "ControlMaster=auto", "-o", "ControlPersist=60", "-o", "ControlPath=" + dir.resolve("cm")));
        }
        spec.bastion().ifPresent(b -> {
            argv.add("-J");
            argv.add(b.contains("@") ? b : spec.user() + "@" + b);
        });
        argv.addAll(List.of("-l", spec.user(), "--", spec.host()));
        // The remote sshd joins the arguments and hands them to the login shell: quote each one.
        argv.add(String.join(" ", remoteArgv.stream().map(SshTarget::shellQuote).toList()));
        return argv;
    }

    private ExecResult remote(String script, String path, String third, byte[] stdin) throws ReleaseGuardException {
        return run(remoteArgv(script, path, third), stdin == null ? new byte[0] : stdin);
    }

    private List<String> remoteArgv(String script, String path, String third) throws ReleaseGuardException {
        TargetPaths.requireInside(path);
        List<String> remoteArgv = new ArrayList<>(List.of("sh", "-c", script, "sh", spec.dir(), path, third));
        remoteArgv.addAll(TargetPaths.prefixes(path));
        return remoteArgv;
    }

    private ExecResult run(List<String> remoteArgv, byte[] stdin) throws ReleaseGuardException {
        return Processes.run(argv(remoteArgv), null, stdin, timeout, clientEnvironment);
    }

    private void check(ExecResult r, String what) throws ReleaseGuardException {
        if (r.exitCode() == 255) {
            throw connectionFailed(r);
        }
        if (r.exitCode() == 3) {
            throw new ReleaseGuardException(ExitCode.INVALID, describe() + ": " + r.lastErrorLine());
        }
        if (!r.ok()) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED,
                    describe() + ": cannot " + what + " (exit " + r.exitCode() + "): " + r.lastErrorLine());
        }
    }

    private ReleaseGuardException connectionFailed(ExecResult r) {
        String why = r.stderr().strip();
        try {
            // A persistent master sends the bastion hop's stderr to /dev/null; one plain attempt shows the real cause.
            ExecResult plain =
                    Processes.run(argv(List.of("true"), false), null, new byte[0], timeout, clientEnvironment);
            if (plain.exitCode() == 255 && !plain.stderr().isBlank()) {
                why = plain.stderr().strip();
            }
        } catch (ReleaseGuardException e) {
            // Keep the first answer.
        }
        String hint = why.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                        || why.contains("Host key verification failed")
                        || why.contains("No ED25519 host key is known")
                        || why.contains("host key")
                ? " (host key not in " + spec.knownHosts()
                        + " or changed: verify the new key out of band and update known_hosts; release-guard never"
                        + " accepts unknown keys)"
                : "";
        return new ReleaseGuardException(
                ExitCode.UNEXPECTED,
                describe() + ": ssh connection failed: "
                        + why.lines().reduce((a, b) -> a + " | " + b).orElse("") + hint);
    }

    /** POSIX single quoting: everything literal, a quote becomes {@code '\''}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String quoted(Path path) throws ReleaseGuardException {
        String s = path.toAbsolutePath().normalize().toString();
        if (s.contains("\"") || s.chars().anyMatch(c -> c < 0x20)) {
            throw new ReleaseGuardException(ExitCode.INVALID, "ssh key or known_hosts path " + s + " is not usable");
        }
        return '"' + s + '"';
    }
}
