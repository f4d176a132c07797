package io.releaseguard.engine.pir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.testing.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostIncidentReviewsTest {
    private static final Instant AT = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(AT);

    private static Incident rollback(String whatChanged) {
        return new Incident(
                Incident.Kind.ROLLBACK,
                "mainnet",
                "api",
                "v0.5.0-dev.3",
                whatChanged,
                AT,
                List.of(
                        new Incident.Event(AT.minusSeconds(600), "deploy of v0.5.0-dev.3 started"),
                        new Incident.Event(AT, "snapshot 20261122T094000Z-01234567 restored")),
                List.of("restore snapshot of api (RESTORED)"));
    }

    @Test
    void aDraftIsPrefilledAndDueADayLater() throws Exception {
        PostIncidentReviews reviews = new PostIncidentReviews(tmp, clock);
        PostIncidentReview r = reviews.draft(rollback("train tag v0.5.0-dev.3 (api, web)"));

        assertThat(r.id()).isEqualTo("pir-20261122T100000Z-mainnet-api");
        assertThat(r.due()).isEqualTo(AT.plus(Duration.ofHours(24)));
        String md = reviews.markdown(r);
        assertThat(md)
                .startsWith("# Post-incident review: rollback of v0.5.0-dev.3 in mainnet")
                .contains("| Review due | **2026-11-23T10:00:00Z** |")
                .contains("## What changed\ntrain tag v0.5.0-dev.3 (api, web)")
                .contains("- 2026-11-22T09:50:00Z deploy of v0.5.0-dev.3 started\n"
                        + "- 2026-11-22T10:00:00Z snapshot 20261122T094000Z-01234567 restored")
                .contains("- restore snapshot of api (RESTORED)")
                .contains("pir close --id pir-20261122T100000Z-mainnet-api")
                .doesNotContain("{{");
    }

    @Test
    void openReviewsBecomeOverdueAndCanBeClosedOnce() throws Exception {
        PostIncidentReviews reviews = new PostIncidentReviews(tmp, clock);
        PostIncidentReview r = reviews.draft(rollback("v0.5.0-dev.3"));
        assertThat(reviews.open()).extracting(x -> x.overdue(reviews.now())).containsExactly(false);
        clock.advance(Duration.ofHours(25));
        assertThat(reviews.open()).extracting(x -> x.overdue(reviews.now())).containsExactly(true);

        PostIncidentReview closed = reviews.close(r.id(), "carol");
        assertThat(closed.closedBy()).isEqualTo("carol");
        assertThat(closed.closedAt()).isEqualTo(clock.instant());
        assertThat(reviews.open()).isEmpty();
        assertThat(reviews.list()).hasSize(1);
        assertThatThrownBy(() -> reviews.close(r.id(), "dave")).hasMessageContaining("already closed by carol");
    }

    @Test
    void placeholdersInValuesAreNotExpandedAgain() throws Exception {
        PostIncidentReviews reviews = new PostIncidentReviews(tmp, clock);
        String md = reviews.markdown(reviews.draft(rollback("{{due}} and {{id}}")));
        assertThat(md).contains("## What changed\n{{due}} and {{id}}");
    }

    @Test
    void theTemplateInTheJarIsTheSharedLibrarysFile() throws Exception {
        try (InputStream in = getClass().getResourceAsStream(PostIncidentReviews.TEMPLATE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(Path.of("../resources/io/releaseguard/pir-template.md")));
        }
    }
}
