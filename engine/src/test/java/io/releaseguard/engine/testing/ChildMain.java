package io.releaseguard.engine.testing;

import io.releaseguard.engine.audit.AuditEntry;
import io.releaseguard.engine.audit.AuditRecord;
import io.releaseguard.engine.audit.FileAuditLog;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.FileEnvironmentLocks;
import io.releaseguard.engine.state.LockLease;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The child side of the crash tests; the first argument picks what it does, and it prints one line to stdout per
 * completed operation so the parent knows exactly what was acknowledged before it pulls the plug.
 * <ul>
 *   <li>{@code audit-loop <file>}: appends records for ever (sizes vary across page boundaries), printing each seq;
 *   <li>{@code audit-count <file> <n> <actor>}: appends n records and exits, printing each seq;
 *   <li>{@code atomic-loop <file>}: rewrites the file for ever with alternating contents, printing "wrote";
 *   <li>{@code hold-lock <locksDir> <env> <holder> <leaseSeconds>}: takes the lock, prints
 *       {@code <token> <since> <expiresAt>}, then waits.
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
            case "audit-loop" -> {
                FileAuditLog log = new FileAuditLog(Path.of(args[1]), Clock.systemUTC());
                for (int i = 0; ; i++) {
                    out.println(log.append(entry("child", i)).seq());
                }
            }
            case "audit-count" -> {
                FileAuditLog log = new FileAuditLog(Path.of(args[1]), Clock.systemUTC());
                int n = Integer.parseInt(args[2]);
                for (int i = 0; i < n; i++) {
                    AuditRecord record = log.append(entry(args[3], i));
                    out.println(record.seq());
                }
            }
            case "atomic-loop" -> {
                for (int i = 0; ; i++) {
                    AtomicFiles.write(Path.of(args[1]), i % 2 == 0 ? CONTENT_A : CONTENT_B);
                    out.println("wrote");
                }
            }
            case "hold-lock" -> {
                FileEnvironmentLocks locks = new FileEnvironmentLocks(Path.of(args[1]), Clock.systemUTC());
                LockLease lease = locks.acquire(args[2], args[3], Duration.ofSeconds(Long.parseLong(args[4])));
                out.println(lease.token() + " " + lease.since() + " " + lease.expiresAt());
                System.in.read();
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /**
     * Record {@code i} of a run: payloads from 0 to ~6 KB, so lines straddle 4 KB page boundaries, where Linux may
     * stop a write for a fatal signal and leave a torn line.
     */
    public static AuditEntry entry(String actor, int i) {
        String payload = "x".repeat((i * 1_237) % 6_000);
        return new AuditEntry(
                actor,
                "test.append",
                "staging",
                "item-" + i,
                "PASS",
                "crash test",
                Map.of("i", "" + i, "pad", payload));
    }
}
