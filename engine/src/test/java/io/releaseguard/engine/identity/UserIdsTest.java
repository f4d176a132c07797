package io.releaseguard.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserIdsTest {

    @Test
    void spellingsOfOneIdShareItsCanonicalForm() throws Exception {
        for (String alice : List.of("alice", "ALICE", "Alice", "ａｌｉｃｅ", "ＡＬＩＣＥ")) {
            assertThat(UserIds.require("approver", alice)).as(alice).isEqualTo("alice");
        }
        assertThat(UserIds.key("straße")).isEqualTo(UserIds.key("STRASSE"));
        assertThat(UserIds.key("K")).as("Kelvin sign").isEqualTo("k");
        assertThat(UserIds.require("approver", "Bob.Smith@Example.org")).isEqualTo("bob.smith@example.org");
        String once = UserIds.key("ΣΊΣΥΦΟΣ");
        assertThat(UserIds.key(once)).as("idempotent").isEqualTo(once);
    }

    @Test
    void whitespaceControlAndInvisibleCharactersAreRefusedNeverTrimmed() {
        List<String> bad = List.of(
                " alice",
                "alice ",
                "al ice",
                "alice\u200b",
                "\u200dalice",
                "alice\nbob",
                "alice\t",
                "al\u00a0ice",
                "alice\u2028",
                "alice\u0000",
                "alice\u202e",
                "alice\ufeff",
                "alice\ue000",
                "");
        for (String id : bad) {
            assertThat(UserIds.problem(id)).as(UserIds.quote(id)).isPresent();
        }
        assertThat(UserIds.problem("x".repeat(UserIds.MAX_LENGTH))).isEmpty();
        assertThat(UserIds.problem("x".repeat(UserIds.MAX_LENGTH + 1)))
                .contains("is 129 characters long; user ids have at most 128");
    }

    @Test
    void theErrorNamesTheRoleAndShowsTheInvisibleCharacter() {
        assertThatThrownBy(() -> UserIds.require("requester", "alice\nbob"))
                .isInstanceOfSatisfying(ReleaseGuardException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID))
                .hasMessage("requester \"alice\\nbob\" contains U+000A (a control character) at position 6; user ids"
                        + " cannot contain whitespace, control or invisible characters");
        assertThatThrownBy(() -> UserIds.require("requester", " alice"))
                .hasMessage("requester \" alice\" contains U+0020 (whitespace) at position 1; user ids cannot"
                        + " contain whitespace, control or invisible characters");
    }
}
