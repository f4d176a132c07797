package io.releaseguard.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one size rule for policy text, wherever it comes from (a file the CLI reads, a Jenkins workspace file, the
 * global policy in Manage Jenkins): at most {@value #MAX_BYTES} bytes of UTF-8, checked before the YAML parser sees
 * a byte. A policy is a page of YAML; the parser's cost grows faster than linearly in pathological inputs (a 50 MB
 * comment took minutes), so anything larger is refused outright, the way Jenkins caps its own configuration files.
 */
public final class PolicySize {
    /** 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private PolicySize() {}

    /** Refuses a policy of {@code bytes} bytes (a file's size as the file system reports it) when over the limit. */
    public static void checkSize(String name, long bytes) throws ConfigException {
        if (bytes > MAX_BYTES) {
            throw tooLarge(name, Long.toString(bytes));
        }
    }

    /** Refuses policy text whose UTF-8 form is over the limit (text handed over as a string: the global policy). */
    public static void checkSize(String name, String text) throws ConfigException {
        // A char is at most 3 UTF-8 bytes (a surrogate pair, 2 chars, is 4), so short text needs no encoding.
        if ((long) text.length() * 3 > MAX_BYTES) {
            checkSize(name, text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /**
     * Reads at most one byte more than the limit from {@code in} and decodes it as UTF-8; a longer stream is refused
     * without reading the rest of it.
     */
    public static String read(String name, InputStream in) throws ConfigException, IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(name, "more than " + MAX_BYTES);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw problem(name, "is not valid UTF-8");
        }
    }

    static ConfigException problem(String name, String message) {
        return new ConfigException(List.of(new ConfigProblem(name, 1, 1, "", message)));
    }

    private static ConfigException tooLarge(String name, String size) {
        return problem(
                name,
                "is " + size + " bytes; a policy may be at most " + MAX_BYTES + " bytes (1 MiB), so it was not parsed");
    }
}
