package io.releaseguard.engine.target;

/**
 * A regular file as read from a target: its size in bytes and its permission bits ({@code 0755}: owner, group and
 * others' read, write and execute; set-id and sticky bits are not kept). Its content went to the reader's stream.
 */
public record TargetFile(long size, int mode) {
    /** The permission bits a target reads and writes. */
    public static final int PERMISSION_BITS = 0777;

    public TargetFile {
        mode &= PERMISSION_BITS;
    }

    /** {@code 0755} as {@code "755"}, the form {@code chmod} takes. */
    public static String octal(int mode) {
        return Integer.toOctalString(mode & PERMISSION_BITS);
    }
}
