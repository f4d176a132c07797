package io.releaseguard.jenkins.subset;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Regenerates the test's copy of the signature table from the shared one: the rows of every class the subset
 * declares, of their real ancestors the table holds, and of the exceptions their members throw (so a throws clause
 * can be told checked from unchecked), in the shared table's order.
 */
final class SignatureRows {
    private SignatureRows() {}

    static int refresh(Path sharedTable, Collection<String> subsetClasses, Path target) throws IOException {
        String text = Files.readString(sharedTable, StandardCharsets.UTF_8);
        RealApi real = RealApi.read(new StringReader(text));
        Set<String> wanted = new LinkedHashSet<>();
        for (String c : subsetClasses) {
            wanted.add(c);
            real.ancestors(c).inTable().forEach(a -> wanted.add(a.name()));
        }
        for (String c : List.copyOf(wanted)) {
            Optional<RealApi.RealClass> r = real.get(c);
            if (r.isPresent()) {
                for (Declaration d : r.get().members()) {
                    for (String e : d.throwsNames()) {
                        real.resolve(e, c).ifPresent(x -> {
                            wanted.add(x.name());
                            real.ancestors(x.name()).inTable().forEach(a -> wanted.add(a.name()));
                        });
                    }
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add(RealApi.HEADER);
        for (String line : text.split("\n")) {
            String name = line.split("\t", 2)[0];
            if (wanted.contains(name)) {
                out.add(line);
            }
        }
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, out, StandardCharsets.UTF_8);
        Files.move(
                tmp,
                target,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return out.size() - 1;
    }
}
