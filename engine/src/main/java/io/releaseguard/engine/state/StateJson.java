package io.releaseguard.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.releaseguard.engine.ExitCode;
import io.releaseguard.engine.ReleaseGuardException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes the JSON state files. Writes are atomic ({@link AtomicFiles}); a file that does not parse, or
 * holds a value its record refuses, is reported as {@code <file>:<line>:<column>: corrupt state file: <why>} and
 * left untouched for a human, never replaced by an empty state.
 */
public final class StateJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StateJson() {}

    public static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    public static JavaType listOf(Class<?> element) {
        return MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, element);
    }

    public static <T> Optional<T> read(Path file, JavaType type) throws ReleaseGuardException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            T value = MAPPER.readValue(bytes, type);
            if (value == null) {
                throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": corrupt state file: it holds null");
            }
            return Optional.of(value);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            String why = e.getOriginalMessage().lines().findFirst().orElse("invalid JSON");
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + where + ": corrupt state file: " + why, e);
        } catch (IOException e) {
            throw new ReleaseGuardException(ExitCode.UNEXPECTED, file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }
}
