package io.releaseguard.engine.config.yaml;

/** A 1-based line and column in a source file, as shown in error messages ({@code FILE:LINE:COL}). */
public record Location(int line, int column) {
    public static final Location START = new Location(1, 1);
}
