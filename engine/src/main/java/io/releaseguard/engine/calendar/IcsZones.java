package io.releaseguard.engine.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which JDK zone a {@code TZID} names. Zone rules always come from the JDK's tz database, never from the VTIMEZONE
 * in the file, so that every calendar agrees with windows and yearly freezes and nothing is registered with the JVM:
 * an IANA name ({@code Europe/Berlin}) is itself; a Windows name as Outlook and Exchange write it ({@code W. Europe
 * Standard Time}, or its display name {@code (UTC+01:00) Amsterdam, Berlin, ...}) is the zone CLDR maps it to; a
 * name that ends in an IANA name ({@code /mozilla.org/20050126_1/Europe/Berlin}, old Thunderbird) is that zone.
 */
final class IcsZones {
    private static final Map<String, ZoneId> WINDOWS = windows();
    private static final Set<String> IANA = Set.copyOf(ZoneId.getAvailableZoneIds());

    private IcsZones() {}

    /** The zone {@code tzid} names, if it names one. */
    static Optional<ZoneId> resolve(String tzid) {
        String id = tzid.strip();
        Optional<ZoneId> iana = iana(id);
        if (iana.isPresent()) {
            return iana;
        }
        ZoneId windows = WINDOWS.get(id.toLowerCase(Locale.ROOT));
        if (windows != null) {
            return Optional.of(windows);
        }
        for (int slash = id.indexOf('/'); slash >= 0; slash = id.indexOf('/', slash + 1)) {
            Optional<ZoneId> suffix = iana(id.substring(slash + 1));
            if (suffix.isPresent() && suffix.get().getId().contains("/")) {
                return suffix;
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneId> iana(String id) {
        if (id.isEmpty() || !IANA.contains(id) && !id.equals("UTC") && !id.equals("Z")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Map<String, ZoneId> windows() {
        Map<String, ZoneId> out = new HashMap<>();
        try (InputStream in = IcsZones.class.getResourceAsStream("windows-zones.tsv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                ZoneId zone = ZoneId.of(cols[1]);
                out.put(cols[0].toLowerCase(Locale.ROOT), zone);
                out.put(cols[2].toLowerCase(Locale.ROOT), zone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(out);
    }
}
