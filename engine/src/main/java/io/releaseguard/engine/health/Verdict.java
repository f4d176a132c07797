package io.releaseguard.engine.health;

import io.releaseguard.engine.config.Severity;
import java.util.Collection;

/**
 * The one verdict vocabulary of health gates and regression watches, ordered from best to worst: {@code PASS < WARN <
 * INCONCLUSIVE < FAIL}. The rule: an overall verdict is the worst of its parts ({@code reduce(Verdict::worst)}), and
 * an empty set of parts passes.
 */
public enum Verdict {
    /** Every assertion held. */
    PASS,
    /** Degraded: something a {@code warn} check or assertion looks at is off, nothing fatal. */
    WARN,
    /** Too little data to decide (for example too little traffic): never a pass, never a failure. */
    INCONCLUSIVE,
    /** Broken: a fatal check or assertion did not hold. */
    FAIL;

    /** The worse of two verdicts. */
    public static Verdict worst(Verdict a, Verdict b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The worst verdict in {@code verdicts}, {@link #PASS} when there are none. */
    public static Verdict worstOf(Collection<Verdict> verdicts) {
        return verdicts.stream().reduce(PASS, Verdict::worst);
    }

    /** This verdict as judged for a check of {@code severity}: a failure of a {@code warn} check only warns. */
    public Verdict capped(Severity severity) {
        return this == FAIL && severity == Severity.WARN ? WARN : this;
    }
}
