package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A post-incident review: a Markdown file whose name starts with its date ({@code 2026-05-20-ledger-outage.md}) and
 * the train tags its text mentions. Files without a leading date are not reviews.
 */
public record IncidentReview(String file, LocalDate date, List<String> mentionedTags) {
    private static final Pattern DATED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}).*\\.md");
    private static final Pattern TAG_LIKE = Pattern.compile("v\\d+\\.\\d+\\.\\d+-[a-z][a-z0-9-]*\\.\\d+");

    public IncidentReview {
        mentionedTags = List.copyOf(mentionedTags);
    }

    /** The reviews in {@code dir} (not recursive), by file name; an absent directory holds none. */
    public static List<IncidentReview> read(Path dir) throws ReleaseGuardException {
        List<IncidentReview> reviews = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = DATED.matcher(f.getFileName().toString());
                if (!m.matches() || !Files.isRegularFile(f)) {
                    continue;
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(m.group(1));
                } catch (RuntimeException e) {
                    continue;
                }
                Set<String> tags = new LinkedHashSet<>();
                Matcher t = TAG_LIKE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (t.find()) {
                    TrainTag.parse(t.group()).ifPresent(tag -> tags.add(tag.name()));
                }
                reviews.add(new IncidentReview(f.getFileName().toString(), date, List.copyOf(tags)));
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, dir + ": cannot read reviews: " + e.getMessage(), e);
        }
        return reviews;
    }
}
