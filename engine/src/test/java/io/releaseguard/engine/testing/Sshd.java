package io.releaseguard.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, unprivileged OpenSSH {@code sshd} on a loopback port, configured in a temporary directory with its own host
 * key and authorized key ({@code -f config -D -e}). Readiness and log lines are awaited through the daemon's stderr,
 * never by sleeping. Outside CI a missing sshd skips the test loudly; with {@code CI=true} it fails.
 */
public final class Sshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final Path hostKey;
    private final List<String> log = new ArrayList<>();

    private Sshd(Process process, int port, Path hostKey) {
        this.process = process;
        this.port = port;
        this.hostKey = hostKey;
        Thread reader = new Thread(this::readLog, "sshd-" + port + "-log");
        reader.setDaemon(true);
        reader.start();
    }

    /** Fails (CI) or skips (elsewhere) when OpenSSH is not installed. */
    public static void requireOpenSsh() {
        if (Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh"))) {
            return;
        }
        ExternalTools.missing("OpenSSH (sshd and ssh) is not installed: the SSH tests cannot run. Install it with:"
                + " apt-get install openssh-server openssh-client");
    }

    /** Generates a key pair ({@code file}, {@code file.pub}) without a passphrase. */
    public static Path keygen(Path file) throws Exception {
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "release-guard-test", "-f", file.toString()));
        return file;
    }

    /** The OpenSSH allowed_signers line giving {@code principal} the public half of the key pair {@code key}. */
    public static String allowedSigner(String principal, Path key) throws Exception {
        String[] parts = Files.readString(Path.of(key + ".pub")).strip().split(" ");
        return principal + " " + parts[0] + " " + parts[1] + "\n";
    }

    /** Starts sshd in {@code dir} accepting {@code authorizedKeys}; debug logging shows forwarded connections. */
    public static Sshd start(Path dir, Path authorizedKeys) throws Exception {
        Files.createDirectories(dir);
        Path hostKey = keygen(dir.resolve("host_ed25519"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(Path.of("/run/sshd")); // privilege separation directory sshd insists on
        }
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + authorizedKeys,
                        "UsePAM no",
                        "StrictModes no",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PubkeyAuthentication yes",
                        "PermitRootLogin prohibit-password",
                        "AllowTcpForwarding yes",
                        "LogLevel DEBUG1",
                        ""));
        Process p = new ProcessBuilder(SSHD.toString(), "-f", config.toString(), "-D", "-e").start();
        Sshd sshd = new Sshd(p, port, hostKey);
        sshd.await("Server listening on 127.0.0.1 port " + port);
        return sshd;
    }

    public int port() {
        return port;
    }

    /** The {@code known_hosts} line for this daemon's host key. */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** Blocks until the daemon has logged a line containing {@code text} (at most 20 s). */
    public synchronized void await(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (log.stream().noneMatch(l -> l.contains(text))) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive() && log.stream().noneMatch(l -> l.contains(text))) {
                fail("sshd on port " + port + " never logged \"" + text + "\"; log:\n" + String.join("\n", log));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    private void readLog() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (this) {
                    log.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // The daemon was stopped.
        }
        synchronized (this) {
            notifyAll();
        }
    }

    private static void run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(argv + " failed: " + out);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
