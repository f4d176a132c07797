package io.releaseguard.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written tag parser accepts exactly the names the regular expression {@link TrainTag#SHAPE} accepts. */
class TrainTagPropertiesTest {

    @Property(tries = 3000)
    void parserAgreesWithTheRegularExpression(@ForAll("tagLike") String name) {
        boolean shape = TrainTag.SHAPE.matcher(name).matches();
        assertThat(TrainTag.parse(name).isPresent()).as(name).isEqualTo(shape);
        TrainTag.parse(name).ifPresent(t -> assertThat(t.name()).isEqualTo(name));
    }

    @Provide
    Arbitrary<String> tagLike() {
        Arbitrary<String> noise =
                Arbitraries.strings().withChars("v0123456789.-devhotfixA_").ofMaxLength(24);
        Arbitrary<String> near = Arbitraries.of("v", "v0", "v10", "v01").flatMap(v -> Arbitraries.strings()
                .withChars("0123456789.-adevx")
                .ofMaxLength(16)
                .map(rest -> v + rest));
        Arbitrary<String> valid = Arbitraries.integers().between(0, 12).flatMap(a -> Arbitraries.of(
                        "dev", "staging", "hot-fix", "a1", "x-", "-x", "b--c")
                .flatMap(t -> Arbitraries.integers()
                        .between(0, 1200)
                        .map(n -> "v" + a + ".5." + (n % 3) + "-" + t + "." + n)));
        return Arbitraries.oneOf(noise, near, valid);
    }
}
