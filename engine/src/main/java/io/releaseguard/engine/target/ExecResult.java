package io.releaseguard.engine.target;

import io.releaseguard.engine.secret.Redactor;
import java.nio.charset.StandardCharsets;

/** The outcome of a command: its exit code and what it printed. Zero means success, as for any Unix command. */
public record ExecResult(int exitCode, byte[] stdout, String stderr) {

    public ExecResult {
        stdout = stdout.clone();
    }

    @Override
    public byte[] stdout() {
        return stdout.clone();
    }

    /** Standard output as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** The last line of standard error for one-line messages, with credentials in URLs masked. */
    public String lastErrorLine() {
        return Redactor.text(stderr.strip().lines().reduce((a, b) -> b).orElse(""));
    }
}
