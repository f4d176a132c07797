package io.releaseguard.engine.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {
    @ParameterizedTest
    @CsvSource({
        "services/api/**, services/api/app.txt, true",
        "services/api/**, services/api/a/b/c.txt, true",
        "services/api/**, services/apiary/x, false",
        "services/api/**, services/web/app.txt, false",
        "db/**/*.sql, db/api/001.sql, true",
        "db/**/*.sql, db/001.sql, true",
        "db/**/*.sql, db/api/001.sh, false",
        "*.md, README.md, true",
        "*.md, docs/README.md, false",
        "file?.txt, file1.txt, true",
        "a.b, axb, false"
    })
    void matchesLikeGitignoreStyleGlobs(String glob, String path, boolean expected) {
        assertThat(PathGlob.of(glob).test(path)).isEqualTo(expected);
    }
}
