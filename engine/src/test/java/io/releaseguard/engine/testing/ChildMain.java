package io.releaseguard.engine.testing;

import io.releaseguard.engine.state.AtomicFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child side of the crash tests; the first argument picks what it does, and it prints one line to stdout per
 * completed operation so the parent knows exactly what was acknowledged before it pulls the plug.
 * <ul>
 *   <li>{@code atomic-loop <file>}: rewrites the file for ever with alternating contents, printing "wrote";
 * </ul>
 */
public final class ChildMain {
    private ChildMain() {}

    /** Two contents of different lengths for the atomic-write crash test; any mix of them is a failure. */
    public static final byte[] CONTENT_A = "A".repeat(10_000).getBytes(StandardCharsets.UTF_8);

    public static final byte[] CONTENT_B = "B".repeat(30_000).getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        switch (args[0]) {
            case "atomic-loop" -> {
                for (int i = 0; ; i++) {
                    AtomicFiles.write(Path.of(args[1]), i % 2 == 0 ? CONTENT_A : CONTENT_B);
                    out.println("wrote");
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
