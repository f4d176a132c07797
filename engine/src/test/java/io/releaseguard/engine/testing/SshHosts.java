package io.releaseguard.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two real {@link Sshd} daemons on loopback, a bastion and a target, sharing one generated client key ({@code
 * id_ed25519}) and a {@code known_hosts} holding both host keys, all in one directory. {@link #targetYaml} gives the
 * policy's {@code ssh:} block that reaches the target through the bastion.
 */
public final class SshHosts implements AutoCloseable {
    private final Path dir;
    private final Sshd bastion;
    private final Sshd target;

    private SshHosts(Path dir, Sshd bastion, Sshd target) {
        this.dir = dir;
        this.bastion = bastion;
        this.target = target;
    }

    /** Skips or fails as {@link Sshd#requireOpenSsh} decides, then starts both daemons under {@code dir}. */
    public static SshHosts start(Path dir) throws Exception {
        Sshd.requireOpenSsh();
        Path clientKey = Sshd.keygen(dir.resolve("id_ed25519"));
        Path authorized = Files.copy(Path.of(clientKey + ".pub"), dir.resolve("authorized_keys"));
        Sshd bastion = Sshd.start(dir.resolve("bastion"), authorized);
        Sshd target;
        try {
            target = Sshd.start(dir.resolve("target-host"), authorized);
        } catch (Exception | Error e) {
            bastion.close();
            throw e;
        }
        Files.writeString(dir.resolve("known_hosts"), bastion.knownHostsLine() + "\n" + target.knownHostsLine() + "\n");
        return new SshHosts(dir, bastion, target);
    }

    public Sshd bastion() {
        return bastion;
    }

    public Sshd target() {
        return target;
    }

    /**
     * Writes {@code name}, a known_hosts file where the target's key is replaced by a freshly generated one (an
     * impostor, or a rebuilt host nobody verified), and returns that other key's base64 text.
     */
    public String writeChangedKnownHosts(String name) throws Exception {
        Path otherKey = Sshd.keygen(dir.resolve(name + "_impostor_key"));
        String[] pub = Files.readString(Path.of(otherKey + ".pub")).trim().split(" ");
        Files.writeString(
                dir.resolve(name),
                bastion.knownHostsLine() + "\n[127.0.0.1]:" + target.port() + " " + pub[0] + " " + pub[1] + "\n");
        return pub[1];
    }

    /**
     * The policy lines for a target in {@code targetDir} reached over SSH through the bastion, with keys and
     * known_hosts relative to this directory (the policy's base directory), indented by {@code indent} spaces.
     */
    public String targetYaml(Path targetDir, String knownHosts, int indent) {
        String user = System.getProperty("user.name");
        String pad = " ".repeat(indent);
        return pad + "dir: " + targetDir + "\n"
                + pad + "ssh:\n"
                + pad + "  host: 127.0.0.1\n"
                + pad + "  port: " + target.port() + "\n"
                + pad + "  user: " + user + "\n"
                + pad + "  bastion: " + user + "@127.0.0.1:" + bastion.port() + "\n"
                + pad + "  knownHosts: " + knownHosts + "\n"
                + pad + "  identity: id_ed25519\n";
    }

    @Override
    public void close() {
        target.close();
        bastion.close();
    }
}
