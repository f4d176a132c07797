package io.releaseguard.engine.calendar;

/**
 * Whether the calendar lets a deployment start now. Ordered {@code OPEN < BLOCKED}; an overall verdict is the
 * worst of its parts ({@code reduce(Verdict::worst)}).
 */
public enum Verdict {
    OPEN,
    BLOCKED;

    /** The worse of two verdicts: BLOCKED wins. */
    public static Verdict worst(Verdict a, Verdict b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
