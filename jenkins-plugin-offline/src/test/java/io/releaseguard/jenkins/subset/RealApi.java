package io.releaseguard.jenkins.subset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Jenkins API as the signature table states it ({@code class}, {@code kind}, {@code declaration},
 * {@code repo}, {@code path}, tab-separated, one member a row, inherited members not repeated). Rows named
 * {@code Outer$Outer} are ignored: Java forbids a nested class named like its enclosing class, so they are an
 * artefact of the table's extraction, not API.
 */
final class RealApi {
    static final String HEADER = "class\tkind\tdeclaration\trepo\tpath";

    /** One real class: its head, members and the table rows they came from. */
    record RealClass(String name, Declaration.Head head, List<Declaration> members, List<String> rows) {}

    private final Map<String, RealClass> classes;

    private RealApi(Map<String, RealClass> classes) {
        this.classes = classes;
    }

    static RealApi read(Reader in) throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(in);
        String header = r.readLine();
        if (!HEADER.equals(header)) {
            throw new IOException("signature table must start with the header '" + HEADER + "', not '" + header + "'");
        }
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            String name = line.split("\t", 2)[0];
            if (!isExtractionArtefact(name)) {
                rows.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
            }
        }
        Map<String, RealClass> classes = new LinkedHashMap<>();
        rows.forEach((name, lines) -> {
            Declaration.Head head = null;
            for (String line : lines) {
                String[] cols = line.split("\t");
                if (cols[1].equals("class")) {
                    head = Declaration.Head.parse(cols[2]);
                }
            }
            if (head == null) {
                return;
            }
            List<Declaration> members = new ArrayList<>();
            for (String line : lines) {
                String[] cols = line.split("\t");
                if (!cols[1].equals("class")) {
                    Declaration d = Declaration.parse(cols[1], cols[2], head);
                    if (d != null) {
                        members.add(d);
                    }
                }
            }
            classes.put(name, new RealClass(name, head, List.copyOf(members), List.copyOf(lines)));
        });
        return new RealApi(classes);
    }

    static boolean isExtractionArtefact(String name) {
        int dollar = name.lastIndexOf('$');
        if (dollar < 0) {
            return false;
        }
        String outer = name.substring(0, dollar);
        return Declaration.simple(outer).equals(name.substring(dollar + 1));
    }

    Optional<RealClass> get(String binaryName) {
        return Optional.ofNullable(classes.get(binaryName));
    }

    /** A supertype named {@code simple} in the declaration of {@code near}: the same package first, as javac does. */
    Optional<RealClass> resolve(String simple, String near) {
        String pkg = near.substring(0, Math.max(near.lastIndexOf('.'), 0));
        RealClass any = null;
        for (RealClass c : classes.values()) {
            if (Declaration.simple(c.name()).equals(simple)) {
                if (c.name().startsWith(pkg + ".") && c.name().indexOf('.', pkg.length() + 1) < 0) {
                    return Optional.of(c);
                }
                any = any == null ? c : any;
            }
        }
        return Optional.ofNullable(any);
    }

    /**
     * The real ancestors of {@code binaryName}, nearest first: table classes resolved by name, and the names of
     * those the table does not hold (JDK or library types such as {@code TreeMap} or Guava's {@code FutureCallback}).
     */
    Ancestry ancestors(String binaryName) {
        List<RealClass> known = new ArrayList<>();
        List<String> others = new ArrayList<>();
        collect(binaryName, known, others);
        return new Ancestry(known, others);
    }

    record Ancestry(List<RealClass> inTable, List<String> outside) {
        List<String> simpleNames() {
            List<String> out = new ArrayList<>(outside);
            inTable.forEach(c -> out.add(Declaration.simple(c.name())));
            return out;
        }
    }

    private void collect(String name, List<RealClass> known, List<String> others) {
        RealClass c = classes.get(name);
        if (c == null) {
            return;
        }
        for (String s : c.head().supers()) {
            Optional<RealClass> r = resolve(s, name);
            if (r.isPresent()) {
                if (!known.contains(r.get())) {
                    known.add(r.get());
                    collect(r.get().name(), known, others);
                }
            } else if (!others.contains(s)) {
                others.add(s);
            }
        }
    }
}
