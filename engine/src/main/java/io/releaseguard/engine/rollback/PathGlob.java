package io.releaseguard.engine.rollback;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A repository path glob as services and irreversible rules declare them: {@code *} matches within one directory,
 * {@code ?} one character, {@code **} any number of directories ({@code services/api/**} is everything below
 * {@code services/api}). Paths are '/'-separated and relative to the repository root, as git reports them.
 */
public record PathGlob(String glob, Pattern regex) implements Predicate<String> {

    public static PathGlob of(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathGlob(glob, Pattern.compile(re.toString()));
    }

    /** True when any of {@code globs} matches {@code path}. */
    public static boolean any(List<String> globs, String path) {
        return globs.stream().map(PathGlob::of).anyMatch(g -> g.test(path));
    }

    @Override
    public boolean test(String path) {
        return regex.matcher(path).matches();
    }
}
