package io.releaseguard.engine.train;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.pir.PostIncidentReview;
import io.releaseguard.engine.pir.PostIncidentReviews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A post-incident review as the train report sees it: its id (or file name), the date it was written, and the
 * well-formed train tags it cites. Read from the reviews {@code release-guard pir} tracks (the release they concern
 * and their Markdown draft) and, optionally, from a folder of Markdown files whose names start with their date
 * ({@code 2026-05-20-ledger-outage.md}; files without a leading date are not reviews).
 */
public record IncidentReview(String file, LocalDate date, List<String> mentionedTags) {
    private static final Pattern DATED = Pattern.compile("(\\d{4}-\\d{2}-\\d{2}).*\\.md");
    private static final Pattern TAG_LIKE = Pattern.compile("v\\d+\\.\\d+\\.\\d+-[a-z][a-z0-9-]*\\.\\d+");

    public IncidentReview {
        mentionedTags = List.copyOf(mentionedTags);
    }

    /** The reviews tracked in the state directory, dated by creation in {@code zone}. */
    public static List<IncidentReview> tracked(PostIncidentReviews reviews, ZoneId zone) throws ReleaseGuardException {
        List<IncidentReview> found = new ArrayList<>();
        for (PostIncidentReview r : reviews.list()) {
            Set<String> tags = new LinkedHashSet<>();
            Optional.ofNullable(r.release()).flatMap(TrainTag::parse).ifPresent(t -> tags.add(t.name()));
            tags.addAll(mentioned(reviews.markdown(r)));
            found.add(new IncidentReview(r.id(), LocalDate.ofInstant(r.createdAt(), zone), List.copyOf(tags)));
        }
        return found;
    }

    private static Set<String> mentioned(String text) {
        Set<String> tags = new LinkedHashSet<>();
        Matcher t = TAG_LIKE.matcher(text);
        while (t.find()) {
            TrainTag.parse(t.group()).ifPresent(tag -> tags.add(tag.name()));
        }
        return tags;
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
                Set<String> tags = mentioned(Files.readString(f, StandardCharsets.UTF_8));
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
