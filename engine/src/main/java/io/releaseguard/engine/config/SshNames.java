package io.releaseguard.engine.config;

import java.util.regex.Pattern;

/**
 * Decides whether SSH host, user and bastion values are plain names. They reach the {@code ssh} command line as
 * arguments; a leading '-' would read as an option and spaces or quotes have no business there, so only host names,
 * IPv4/IPv6 literals and POSIX-style user names are accepted. Git remotes get the same leading-dash rule.
 */
final class SshNames {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern USER = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,31}");
    private static final Pattern BASTION =
            Pattern.compile("(?:([^@]+)@)?([^@:\\[\\]]+|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");

    private SshNames() {}

    static String host(String text) {
        return require(HOST.matcher(text).matches(), text);
    }

    static String user(String text) {
        return require(USER.matcher(text).matches(), text);
    }

    /** {@code [user@]host[:port]}, each part checked. */
    static String bastion(String text) {
        var m = BASTION.matcher(text);
        require(m.matches(), text);
        if (m.group(1) != null) {
            user(m.group(1));
        }
        host(m.group(2));
        if (m.group(3) != null) {
            int port = Integer.parseInt(m.group(3));
            require(port >= 1 && port <= 65535, text);
        }
        return text;
    }

    /** A remote name, path or URL that cannot be mistaken for an option. */
    static String remote(String text) {
        return require(!text.isBlank() && !text.startsWith("-") && text.chars().noneMatch(c -> c < 0x20), text);
    }

    private static String require(boolean ok, String text) {
        if (!ok) {
            throw new IllegalArgumentException(text);
        }
        return text;
    }
}
