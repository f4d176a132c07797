package io.releaseguard.engine.promotion;

import io.releaseguard.engine.state.StateIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Random;

/**
 * Names a new promotion. The rule: {@code <env>-<release>-<yyyyMMdd-HHmmss>-<digest>-<random>}, where the digest is
 * 10 hex digits of the SHA-256 of environment, release, artifact digest and requester, and the random part is 8 hex
 * digits. Only the readable {@code <env>-<release>} head is ever shortened to stay within {@link StateIds}' 128
 * characters; the time, digest and random parts are always whole, so two requests never share an id, whatever the
 * length of the release name or however close together they come.
 */
final class PromotionIds {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX = 128;

    private final Random random;

    PromotionIds(Random random) {
        this.random = random;
    }

    PromotionIds() {
        this(new SecureRandom());
    }

    String next(String environment, String release, String artifactDigest, String requester, Instant at) {
        String tail = "-" + TIME.format(at) + "-"
                + digest(environment + "\n" + release + "\n" + artifactDigest + "\n" + requester) + "-"
                + HexFormat.of().toHexDigits(random.nextInt());
        // '+' and '..' may appear in release names but not in state ids.
        String head = (environment + "-" + release).replace('+', '_').replaceAll("\\.{2,}", "_");
        if (head.length() > MAX - tail.length()) {
            head = head.substring(0, MAX - tail.length());
        }
        return head + tail;
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
