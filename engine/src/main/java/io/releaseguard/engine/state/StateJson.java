package io.releaseguard.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
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
 * left untouched for a human, never replaced by an empty state. Shared by every file-backed store (state, snapshots,
 * reviews) so they all fail the same way.
 */
public final class StateJson {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StateJson() {}

    /** The Jackson type of a state file holding one {@code type}. */
    public static JavaType type(Class<?> type) {
        return MAPPER.constructType(type);
    }

    /** The Jackson type of a state file holding a list of {@code element}. */
    public static JavaType listOf(Class<?> element) {
        return MAPPER.getTypeFactory().constructCollectionType(java.util.List.class, element);
    }

    /** The file's value, empty when it does not exist; a corrupt file is an error naming it and the position. */
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

    /** Atomically replaces the file with {@code value} as JSON. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }

    /** Like {@link #write}, owner-only ({@link AtomicFiles#writeSecret}). */
    public static void writeSecret(Path file, Object value) throws IOException {
        AtomicFiles.writeSecret(file, MAPPER.writeValueAsBytes(value));
    }
}
