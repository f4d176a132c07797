package io.releaseguard.engine.registry;

import java.util.regex.Pattern;

/**
 * The naming rules of the OCI distribution specification: a tag is {@code [A-Za-z0-9_][A-Za-z0-9._-]{0,127}}; a
 * repository is lowercase path components ({@code team/api}) separated by {@code /}, each component alphanumerics
 * joined by {@code .}, {@code _}, {@code __} or dashes, at most 255 characters in all.
 */
public final class OciNames {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final String COMPONENT = "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
    /** Longest repository name registries accept. */
    public static final int MAX_REPOSITORY = 255;
    /** What a valid tag looks like, for messages. */
    public static final String TAG_RULE =
            "letters, digits, '_', '.' and '-', not starting with '.' or '-', at most 128 characters";
    /** What a valid repository name looks like, for messages. */
    public static final String REPOSITORY_RULE =
            "lowercase letters and digits in '/'-separated parts joined by '.', '_' or '-', e.g. team/api;"
                    + " no registry host and no tag";

    private OciNames() {}

    public static boolean isTag(String text) {
        return TAG.matcher(text).matches();
    }

    public static boolean isRepository(String text) {
        return text.length() <= MAX_REPOSITORY && REPOSITORY.matcher(text).matches();
    }

    /**
     * How people name {@code repository} in the registry at {@code registryUrl}: host, port and path prefix, then
     * the repository ({@code registry.example.org/team/api}).
     */
    public static String image(String registryUrl, String repository) {
        java.net.URI u = java.net.URI.create(registryUrl.replaceAll("/+$", ""));
        return u.getRawAuthority() + (u.getRawPath() == null ? "" : u.getRawPath()) + "/" + repository;
    }

    /** The image tag a release is published under: release names may hold '+' (semver build metadata), tags may not. */
    public static String releaseTag(String release) {
        return release.replace('+', '_');
    }
}
