package io.releaseguard.engine.train;

import java.time.Instant;
import java.util.Optional;

/**
 * One tag as read from the repository: its name, the commit it finally points at, whether it is annotated, and for
 * annotated tags the message and the tagger's instant (empty for lightweight tags).
 */
public record TagInfo(String name, String commit, boolean annotated, String message, Optional<Instant> taggedAt) {

    /** The value of a {@code key: value} line of the message ({@code promoted-from}), if present. */
    public Optional<String> field(String key) {
        return message.lines()
                .filter(l -> l.startsWith(key + ": "))
                .map(l -> l.substring(key.length() + 2).strip())
                .findFirst();
    }
}
