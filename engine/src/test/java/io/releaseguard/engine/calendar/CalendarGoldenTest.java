package io.releaseguard.engine.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.releaseguard.engine.config.ConfigLoader;
import io.releaseguard.engine.config.ReleaseGuardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden decision tables: each {@code golden/NAME.yaml} policy has a {@code NAME.table} whose rows are {@code AT
 * VERDICT CODES NEXT_OPEN [env=E] [last=INSTANT] [emergency]}; CODES is a comma list of blocking reason codes or
 * {@code -}, NEXT_OPEN an instant or {@code null}. Rows 5 minutes either side of each edge stand for controller/agent
 * clock skew: the decision depends only on the instant it is given.
 */
class CalendarGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/calendar/golden");

    @TestFactory
    Stream<DynamicTest> tables() throws IOException {
        List<Path> tables;
        try (Stream<Path> s = Files.list(DIR)) {
            tables = s.filter(p -> p.toString().endsWith(".table")).sorted().toList();
        }
        assertThat(tables).hasSizeGreaterThanOrEqualTo(6);
        return tables.stream().map(t -> DynamicTest.dynamicTest(t.getFileName().toString(), () -> check(t)));
    }

    private static void check(Path table) throws Exception {
        Path policy = Path.of(table.toString().replace(".table", ".yaml"));
        ReleaseGuardConfig config = ConfigLoader.load(policy);
        DeployCalendar calendar = DeployCalendar.compile(config, new HttpAndFileIcsFetcher(Duration.ofSeconds(5)));
        List<String> failures = new ArrayList<>();
        int rows = 0;
        for (String line : Files.readAllLines(table)) {
            String row = line.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            rows++;
            String[] cols = row.split("\\s+");
            Instant at = Instant.parse(cols[0]);
            String env = config.environments().get(0).name();
            Optional<Instant> last = Optional.empty();
            EmergencyOverride override = EmergencyOverride.NONE;
            for (int i = 4; i < cols.length; i++) {
                if (cols[i].startsWith("env=")) {
                    env = cols[i].substring(4);
                } else if (cols[i].startsWith("last=")) {
                    last = Optional.of(Instant.parse(cols[i].substring(5)));
                } else if (cols[i].equals("emergency")) {
                    override = EmergencyOverride.request(Optional.of("golden"), config.emergency());
                }
            }
            CalendarDecision d = calendar.decide(env, at, last, override);
            String codes = d.reasons().isEmpty()
                    ? "-"
                    : d.reasons().stream().map(r -> r.code().name()).collect(Collectors.joining(","));
            String actual = at + " " + d.verdict() + " " + codes + " "
                    + d.nextOpen().map(Instant::toString).orElse("null");
            String expected = String.join(" ", cols[0], cols[1], cols[2], cols[3]);
            if (!actual.equals(expected)) {
                failures.add("expected " + expected + "\n     got " + actual + "  " + d.reasons());
            }
        }
        assertThat(rows).isPositive();
        assertThat(failures).as(table.getFileName().toString()).isEmpty();
    }
}
