package io.releaseguard.engine.deploy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.release.ReleaseName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A deploy command from the policy, split into arguments once (shell-like quoting: '...' and "...") and then
 * filled with {@code {release}}, {@code {service}}, {@code {environment}}, {@code {tenant}}. Values are substituted
 * into arguments, never into shell text: run locally as an argument vector, or, for SSH, with every argument
 * single-quoted, so a tag name can never become shell syntax.
 */
public final class CommandTemplate {
    private final String template;
    private final List<String> words;

    private CommandTemplate(String template, List<String> words) {
        this.template = template;
        this.words = List.copyOf(words);
    }

    public static CommandTemplate parse(String template) throws ReleaseGuardException {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ReleaseGuardException(
                    ExitCode.INVALID, "deploy command has an unclosed " + quote + ": " + template);
        }
        if (inWord) {
            words.add(cur.toString());
        }
        if (words.isEmpty()) {
            throw new ReleaseGuardException(ExitCode.INVALID, "deploy command is empty");
        }
        return new CommandTemplate(template, words);
    }

    /**
     * The argument vector with placeholders filled. An argument that starts with {@code -} only because of a value
     * ({@code {tenant}} filled with {@code -rf}) is refused unless the template puts it after a {@code --} word: the
     * program would read it as an option. This is checked here, when the values are known, rather than when the
     * policy is validated: a template word such as {@code {release}} is fine for every value that passes the name
     * rules (none starts with {@code -}), so this is the last line of defence, not a policy mistake.
     */
    public List<String> argv(Map<String, String> values) throws ReleaseGuardException {
        List<String> out = new ArrayList<>(words.size());
        boolean optionsEnded = false;
        for (String w : words) {
            String filled = w;
            for (Map.Entry<String, String> e : values.entrySet()) {
                filled = filled.replace("{" + e.getKey() + "}", e.getValue());
            }
            if (!optionsEnded && filled.startsWith("-") && !w.startsWith("-")) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "LEADING_DASH: deploy command '" + template + "': argument " + ReleaseName.quote(filled)
                                + " (from " + w + ") starts with '-' and would be read as an option; refused before"
                                + " running anything (a value may start with '-' only after a '--' argument)");
            }
            optionsEnded |= w.equals("--");
            out.add(filled);
        }
        return out;
    }

    /** One remote-shell line whose words are exactly {@link #argv}: every argument single-quoted. */
    public String shellLine(Map<String, String> values) throws ReleaseGuardException {
        return String.join(
                " ", argv(values).stream().map(CommandTemplate::quote).toList());
    }

    static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return template;
    }
}
