package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.calendar.DeployCalendar;
import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import io.releaseguard.engine.train.TrainCalendarExport.Format;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Calendar golden files: a policy, an instant and a count give exactly the committed Markdown, iCalendar and JSON.
 * Regenerate after a deliberate change with {@code -Drelease-guard.golden.update=true} and review the diff.
 */
class TrainCalendarGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/train/calendar");
    private static final boolean UPDATE = Boolean.getBoolean("release-guard.golden.update");

    record Case(String name, String policy, String after, int count) {}

    @TestFactory
    Stream<DynamicTest> calendars() {
        return Stream.of(
                        new Case("dst-spring", "dst.yaml", "2026-03-20T00:00:00Z", 3),
                        new Case("dst-fall", "dst.yaml", "2026-10-20T00:00:00Z", 3),
                        new Case("year-end", "year-end.yaml", "2026-12-14T00:00:00Z", 5))
                .flatMap(c -> Stream.of(Format.values())
                        .map(f -> DynamicTest.dynamicTest(c.name() + "." + f, () -> {
                            ReleaseGuardConfig config = ConfigLoader.load(DIR.resolve(c.policy()));
                            FreezeCheck freezes = FreezeCheck.of(DeployCalendar.compile(config, (source, base) -> {
                                throw new java.io.IOException("no ICS calendars in these policies");
                            }));
                            TrainCalendar calendar = TrainCalendar.of(
                                    config.trains().orElseThrow(), Instant.parse(c.after()), c.count(), freezes);
                            String actual = TrainCalendarExport.render(calendar, f);
                            Path golden = DIR.resolve(c.name() + "." + f.name().toLowerCase());
                            if (UPDATE) {
                                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                            }
                            assertThat(golden).exists();
                            assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
                        })));
    }
}
