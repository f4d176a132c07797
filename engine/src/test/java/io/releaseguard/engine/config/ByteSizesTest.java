package io.releaseguard.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizesTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1048576, 1048576",
        "10B, 10",
        "1KB, 1000",
        "512KiB, 524288",
        "1MB, 1000000",
        "1MiB, 1048576",
        "1 mib, 1048576",
        "2GB, 2000000000",
        "2GiB, 2147483648",
        "' 4 kib ', 4096"
    })
    void parsesPlainBytesAndUnits(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "KB", "-1", "1.5MB", "1TB", "1 K", "1KiBB", "ten"})
    void rejectsWhatIsNotASize(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999GiB", "99999999999999999999"})
    void rejectsSizesTooLargeForALong(String text) {
        assertThatThrownBy(() -> ByteSizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"" + text + "\" is too large a size");
    }
}
