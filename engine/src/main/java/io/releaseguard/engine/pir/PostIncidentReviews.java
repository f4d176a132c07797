package io.releaseguard.engine.pir;

import com.fasterxml.jackson.databind.JavaType;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import io.releaseguard.engine.state.AtomicFiles;
import io.releaseguard.engine.state.FileMutex;
import io.releaseguard.engine.state.StateIds;
import io.releaseguard.engine.state.StateJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Post-incident reviews under {@code <state>/reviews}: every rollback and emergency override gets a Markdown draft
 * from the template {@value #TEMPLATE} (the shared library's {@code resources/}, also packaged in the engine jar),
 * pre-filled with the timeline, what changed, the decisions and the due date ({@link #DEFAULT_DUE} after the
 * incident unless the caller says otherwise). A review is open until closed by a named person; overdue means open
 * past its due instant by the injected clock.
 */
public final class PostIncidentReviews {
    /** Class-path location of the template. */
    public static final String TEMPLATE = "/io/releaseguard/pir-template.md";
    /** Reviews are due a day after the incident by default. */
    public static final Duration DEFAULT_DUE = Duration.ofHours(24);

    private static final JavaType REVIEW = StateJson.type(PostIncidentReview.class);
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z]+)}}");

    private final Path dir;
    private final Clock clock;
    private final Duration due;
    private final FileMutex mutex;

    public PostIncidentReviews(Path stateDir, Clock clock) {
        this(stateDir, clock, DEFAULT_DUE);
    }

    public PostIncidentReviews(Path stateDir, Clock clock, Duration due) {
        this.dir = stateDir.toAbsolutePath().normalize().resolve("reviews");
        this.clock = clock;
        this.due = due;
        this.mutex = new FileMutex(dir.resolve(".lock"));
    }

    /** Writes the draft and its tracking record; returns the record. */
    public PostIncidentReview draft(Incident incident) throws ReleaseGuardException {
        String id = StateIds.requireSafe(
                "review",
                "pir-" + ID_TIME.format(incident.at()) + "-" + incident.environment() + "-"
                        + (incident.service() == null ? "all" : incident.service()));
        PostIncidentReview review = new PostIncidentReview(
                id,
                incident.kind(),
                incident.environment(),
                incident.service(),
                incident.release(),
                clock.instant(),
                incident.at().plus(due),
                PostIncidentReview.Status.OPEN,
                null,
                null,
                id + ".md");
        String markdown = render(template(), incident, review);
        return mutex.guarded(dir + ": cannot write review " + id, () -> {
            if (Files.exists(dir.resolve(id + ".json"))) {
                throw new ReleaseGuardException(ExitCode.INVALID, "review " + id + " already exists");
            }
            AtomicFiles.write(dir.resolve(review.draft()), markdown.getBytes(StandardCharsets.UTF_8));
            StateJson.write(dir.resolve(id + ".json"), review);
            return review;
        });
    }

    /** Every review, oldest first. */
    public List<PostIncidentReview> list() throws ReleaseGuardException {
        List<PostIncidentReview> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "pir-*.json")) {
            for (Path f : files) {
                all.add(StateJson.<PostIncidentReview>read(f, REVIEW).orElseThrow());
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, dir + ": cannot list: " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing(PostIncidentReview::createdAt).thenComparing(PostIncidentReview::id));
        return all;
    }

    /** Open reviews, oldest first; each knows whether it is overdue at {@link #now()}. */
    public List<PostIncidentReview> open() throws ReleaseGuardException {
        return list().stream()
                .filter(r -> r.status() == PostIncidentReview.Status.OPEN)
                .toList();
    }

    /** The injected clock's instant, for overdue checks. */
    public Instant now() {
        return clock.instant();
    }

    /** Closes an open review, recording who closed it. */
    public PostIncidentReview close(String id, String by) throws ReleaseGuardException {
        Path file = dir.resolve(StateIds.requireSafe("review", id) + ".json");
        return mutex.guarded(file + ": cannot write", () -> {
            PostIncidentReview r = StateJson.<PostIncidentReview>read(file, REVIEW)
                    .orElseThrow(() -> new ReleaseGuardException(ExitCode.INVALID, "no review " + id));
            if (r.status() == PostIncidentReview.Status.CLOSED) {
                throw new ReleaseGuardException(
                        ExitCode.INVALID,
                        "review " + id + " was already closed by " + r.closedBy() + " at " + r.closedAt());
            }
            PostIncidentReview closed = r.close(by, clock.instant());
            StateJson.write(file, closed);
            return closed;
        });
    }

    /** The draft's Markdown. */
    public String markdown(PostIncidentReview review) throws ReleaseGuardException {
        Path file = dir.resolve(review.draft());
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    static String render(String template, Incident incident, PostIncidentReview review) {
        Map<String, String> values = Map.ofEntries(
                Map.entry(
                        "title",
                        incident.kind() == Incident.Kind.ROLLBACK
                                ? "rollback of " + incident.release() + " in " + incident.environment()
                                : "emergency override in " + incident.environment()),
                Map.entry("id", review.id()),
                Map.entry(
                        "kind",
                        incident.kind()
                                .name()
                                .toLowerCase(java.util.Locale.ROOT)
                                .replace('_', ' ')),
                Map.entry("environment", incident.environment()),
                Map.entry("service", incident.service() == null ? "(all)" : incident.service()),
                Map.entry("release", incident.release()),
                Map.entry("incidentAt", incident.at().toString()),
                Map.entry("due", review.due().toString()),
                Map.entry("whatChanged", incident.whatChanged()),
                Map.entry(
                        "timeline",
                        incident.timeline().stream()
                                .map(e -> "- " + e.at() + " " + e.what())
                                .collect(Collectors.joining("\n"))),
                Map.entry(
                        "decisions",
                        incident.decisions().isEmpty()
                                ? "- (none recorded)"
                                : incident.decisions().stream()
                                        .map(d -> "- " + d)
                                        .collect(Collectors.joining("\n"))));
        // One pass: a value that happens to contain "{{...}}" is never expanded again.
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String template() throws ReleaseGuardException {
        try (InputStream in = PostIncidentReviews.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new ReleaseGuardException(ExitCode.UNEXPECTED, "the review template " + TEMPLATE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, "cannot read the review template", e);
        }
    }
}
