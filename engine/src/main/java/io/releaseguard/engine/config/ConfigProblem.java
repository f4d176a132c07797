package io.releaseguard.engine.config;

/**
 * One problem found in a policy file, located precisely enough to fix it without searching: {@code
 * FILE:LINE:COL KEY.PATH: message}, for example {@code release-guard.yaml:14:9 environments[1].windows[0].to:
 * "25:00" is not a time of day (HH:MM)}.
 */
public record ConfigProblem(String file, int line, int column, String path, String message) {

    /** The one-line form printed by the CLI and shown by Jenkins form validation. */
    public String format() {
        String where = file + ":" + line + ":" + column;
        return path.isEmpty() ? where + " " + message : where + " " + path + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
