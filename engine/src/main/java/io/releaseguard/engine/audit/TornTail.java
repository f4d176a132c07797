package io.releaseguard.engine.audit;

/**
 * The incomplete end of an audit log: bytes after the last complete record that a crash left behind (a line without
 * its newline, or a last line that does not parse). They are reported, never silently dropped; the next append moves
 * them to a quarantine file.
 */
public record TornTail(long offset, long length, String reason) {

    /** One line for humans: where, how long and why. */
    public String describe() {
        return "torn last line at byte " + offset + " (" + length + " bytes, " + reason + ")";
    }
}
