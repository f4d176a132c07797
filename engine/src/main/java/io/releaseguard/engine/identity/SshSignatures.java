package io.releaseguard.engine.identity;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.target.ExecResult;
import io.releaseguard.engine.target.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Signs and verifies decisions with OpenSSH ({@code ssh-keygen -Y sign|verify}, namespace {@value #NAMESPACE}): a
 * signature is good when the OpenSSH {@code allowed_signers} file maps the deciding user (the principal, in its
 * canonical form) to the key that made it, and that key was valid at the decision's instant. ssh-keygen runs from an
 * argv list with a timeout; the text goes through standard input, the signature through an owner-only temporary
 * file that is deleted afterwards.
 */
public final class SshSignatures {
    /** The signature namespace, so a release-guard signature is never mistaken for a git or file signature. */
    public static final String NAMESPACE = "release-guard";
    /** How long signing may take (a passphrase typed at the terminal included). */
    static final Duration SIGN_TIMEOUT = Duration.ofSeconds(60);
    /** How long one verification may take. */
    static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(30);

    private static final DateTimeFormatter VERIFY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path allowedSigners;

    /** Verifies against {@code allowedSigners}, an OpenSSH allowed_signers file. */
    public SshSignatures(Path allowedSigners) {
        this.allowedSigners = allowedSigners;
    }

    /**
     * A signer with the private key at {@code key} (or, for a key held by ssh-agent, its {@code .pub}). A missing
     * key file is refused before ssh-keygen runs.
     */
    public static DecisionSigner signer(Path key) {
        return decision -> {
            if (!Files.isRegularFile(key)) {
                throw new ReleaseGuardException(ExitCode.INVALID, "--sign-with " + key + ": no such key file");
            }
            ExecResult r = Processes.run(
                    List.of("ssh-keygen", "-q", "-Y", "sign", "-f", key.toString(), "-n", NAMESPACE),
                    null,
                    decision.text().getBytes(StandardCharsets.UTF_8),
                    SIGN_TIMEOUT);
            String signature = r.stdoutText();
            if (!r.ok() || !signature.startsWith("-----BEGIN SSH SIGNATURE-----")) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "cannot sign with " + key + ": ssh-keygen exit " + r.exitCode() + ": " + r.lastErrorLine());
            }
            return signature;
        };
    }

    /** Why {@code signature} is not {@code decision.user()}'s signature of the decision, or empty when it is. */
    public Optional<String> problem(SignedDecision decision, String signature) throws ReleaseGuardException {
        if (!Files.isReadable(allowedSigners)) {
            return Optional.of("the allowed signers file " + allowedSigners + " cannot be read");
        }
        Path file = null;
        try {
            file = Files.createTempFile("release-guard-", ".sig");
            Files.writeString(file, signature, StandardCharsets.UTF_8);
            ExecResult r = Processes.run(
                    List.of(
                            "ssh-keygen",
                            "-Y",
                            "verify",
                            "-f",
                            allowedSigners.toString(),
                            "-I",
                            decision.user(),
                            "-n",
                            NAMESPACE,
                            "-s",
                            file.toString(),
                            "-O",
                            "verify-time=" + VERIFY_TIME.format(decision.at())),
                    null,
                    decision.text().getBytes(StandardCharsets.UTF_8),
                    VERIFY_TIMEOUT);
            if (r.ok()) {
                return Optional.empty();
            }
            String why = r.lastErrorLine().isEmpty() ? r.stdoutText().strip() : r.lastErrorLine();
            return Optional.of("not a valid signature by " + decision.user() + " for this decision under "
                    + allowedSigners.getFileName() + " (ssh-keygen: " + why + ")");
        } catch (IOException e) {
            throw new ReleaseGuardException(
                    ExitCode.UNEXPECTED, "cannot write a temporary signature file: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover signature is public data; nothing secret is lost.
                }
            }
        }
    }
}
