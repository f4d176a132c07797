package io.releaseguard.jenkins.subset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Java declaration from the signature table, read the way the compiler erases it: types reduced to their simple
 * names without type arguments, type variables replaced by the erasure of their first bound (as reflection reports
 * them), varargs as arrays. Annotations are dropped; they never change what compiles against a member.
 */
record Declaration(
        String kind, String name, List<String> params, Set<String> modifiers, String type, Set<String> throwsNames) {

    private static final Set<String> MODIFIERS = Set.of(
            "public",
            "protected",
            "private",
            "static",
            "final",
            "abstract",
            "synchronized",
            "default",
            "native",
            "transient",
            "volatile",
            "strictfp",
            "sealed",
            "non-sealed");
    private static final Pattern HEAD =
            Pattern.compile("(@interface|\\bclass|\\binterface|\\benum|\\brecord)\\s+(\\w+)\\s*(.*)$");

    boolean isStatic() {
        return modifiers.contains("static");
    }

    boolean isAbstract() {
        return modifiers.contains("abstract");
    }

    /** Name and erased parameters, the key a member is looked up by. */
    String key() {
        return kind + " " + name + "(" + String.join(", ", params) + ")";
    }

    /**
     * A class row: kind ({@code class}, {@code interface}, {@code enum}, {@code @interface}), name, modifiers, the type
     * variables with their bounds, and the simple names of the direct supertypes.
     */
    record Head(String kind, String name, Set<String> modifiers, Map<String, String> typeVars, Set<String> supers) {

        static Head parse(String declaration) {
            String d = stripAnnotations(declaration).replaceAll("\\{$", "").strip();
            Matcher m = HEAD.matcher(d);
            if (!m.find()) {
                throw new IllegalArgumentException("not a class declaration: " + declaration);
            }
            Set<String> mods = new LinkedHashSet<>();
            for (String t : d.substring(0, m.start()).split("\\s+")) {
                if (MODIFIERS.contains(t)) {
                    mods.add(t);
                }
            }
            String rest = m.group(3).strip();
            Map<String, String> typeVars = new LinkedHashMap<>();
            if (rest.startsWith("<")) {
                int end = matching(rest, 0);
                typeVars = Declaration.typeVars(rest.substring(0, end + 1), Map.of());
                rest = rest.substring(end + 1).strip();
            }
            Set<String> supers = new LinkedHashSet<>();
            Matcher s = Pattern.compile("\\b(extends|implements)\\s+(.*?)(?=\\bimplements\\b|\\bpermits\\b|$)")
                    .matcher(rest);
            while (s.find()) {
                for (String t : splitTop(s.group(2))) {
                    if (!t.isBlank()) {
                        supers.add(simple(degeneric(t).strip()));
                    }
                }
            }
            return new Head(m.group(1), m.group(2), mods, typeVars, supers);
        }

        boolean isInterface() {
            return kind.equals("interface") || kind.equals("@interface");
        }
    }

    /** A method, constructor or field row of a class whose head is {@code owner}; null for other rows. */
    static Declaration parse(String rowKind, String declaration, Head owner) {
        String d = stripAnnotations(declaration).strip();
        if (d.endsWith(";")) {
            d = d.substring(0, d.length() - 1).strip();
        }
        return rowKind.equals("field") ? field(d, owner) : member(d, owner);
    }

    private static Declaration field(String d, Head owner) {
        if (d.startsWith("enum constants:")) {
            return null;
        }
        String lhs = d.split("=", 2)[0].strip();
        List<String> tokens = new ArrayList<>(List.of(lhs.split("\\s+")));
        String name = tokens.remove(tokens.size() - 1);
        Set<String> mods = new LinkedHashSet<>();
        while (!tokens.isEmpty() && MODIFIERS.contains(tokens.get(0))) {
            mods.add(tokens.remove(0));
        }
        if (owner.isInterface()) {
            mods.addAll(Set.of("public", "static", "final"));
        }
        return new Declaration(
                "field", name, List.of(), mods, erase(String.join(" ", tokens), owner.typeVars()), Set.of());
    }

    private static Declaration member(String d, Head owner) {
        boolean annotationDefault =
                Pattern.compile("\\)\\s*default\\s").matcher(d).find();
        d = d.replaceAll("\\)\\s*default\\s.*$", ")");
        int open = d.indexOf('(');
        if (open < 0) {
            return null;
        }
        int close = matchingParen(d, open);
        List<String> tokens =
                new ArrayList<>(List.of(d.substring(0, open).strip().split("\\s+")));
        String name = tokens.remove(tokens.size() - 1);
        Set<String> mods = new LinkedHashSet<>();
        while (!tokens.isEmpty() && MODIFIERS.contains(tokens.get(0))) {
            mods.add(tokens.remove(0));
        }
        Map<String, String> tv = new LinkedHashMap<>(owner.typeVars());
        if (!tokens.isEmpty() && tokens.get(0).startsWith("<")) {
            String joined = String.join(" ", tokens);
            int end = matching(joined, 0);
            tv.putAll(typeVars(joined.substring(0, end + 1), owner.typeVars()));
            String after = joined.substring(end + 1).strip();
            tokens = after.isEmpty() ? new ArrayList<>() : new ArrayList<>(List.of(after.split("\\s+")));
        }
        String kind = tokens.isEmpty() && name.equals(owner.name()) ? "ctor" : "method";
        String type = kind.equals("ctor") ? "" : erase(String.join(" ", tokens), tv);
        List<String> params = new ArrayList<>();
        String ps = d.substring(open + 1, close);
        if (!ps.isBlank()) {
            for (String p : splitTop(ps)) {
                params.add(erase(withoutName(p), tv));
            }
        }
        Set<String> throwsNames = new LinkedHashSet<>();
        Matcher t = Pattern.compile("\\bthrows\\s+(.*)$").matcher(d.substring(close + 1));
        if (t.find()) {
            for (String x : degeneric(t.group(1)).split(",")) {
                throwsNames.add(erase(x.strip(), tv));
            }
        }
        if (owner.isInterface()) {
            mods.add("public");
            if (!annotationDefault
                    && !mods.contains("static")
                    && !mods.contains("default")
                    && !mods.contains("private")) {
                mods.add("abstract");
            }
        }
        return new Declaration(kind, name, List.copyOf(params), mods, type, throwsNames);
    }

    /** {@code final @NonNull Map<String, Object> args} → {@code Map<String, Object>}; varargs keep their dots. */
    private static String withoutName(String param) {
        String p = degeneric(stripAnnotations(param)).strip().replaceAll("^final\\s+", "");
        int cut = p.lastIndexOf(' ');
        return cut < 0 ? p : p.substring(0, cut).strip();
    }

    /** {@code <T extends Cause, U extends T>} → T=Cause, U=T's erasure, read left to right. */
    private static Map<String, String> typeVars(String generic, Map<String, String> outer) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> scope = new LinkedHashMap<>(outer);
        for (String p : splitTop(generic.substring(1, generic.length() - 1))) {
            String[] parts = p.strip().split("\\s+extends\\s+", 2);
            out.put(parts[0].strip(), "Object");
            scope.put(parts[0].strip(), "Object");
        }
        for (String p : splitTop(generic.substring(1, generic.length() - 1))) {
            String[] parts = p.strip().split("\\s+extends\\s+", 2);
            if (parts.length == 2) {
                String first = degeneric(parts[1]).split("&")[0].strip();
                out.put(parts[0].strip(), first);
                scope.put(parts[0].strip(), first);
            }
        }
        Map<String, String> erased = new LinkedHashMap<>();
        out.forEach((k, v) -> erased.put(k, erase(v, scope)));
        return erased;
    }

    /** The erasure's simple name, as {@link Class#getSimpleName()} gives it for the erased type. */
    static String erase(String type, Map<String, String> typeVars) {
        String t = degeneric(stripAnnotations(type)).replace("final ", "").strip();
        int dims = count(t, "[]") + (t.contains("...") ? 1 : 0);
        String base = t.replace("...", " ").replace("[]", " ").strip();
        base = base.isEmpty() ? "" : simple(base.split("\\s+")[0]);
        for (int guard = 0; typeVars.containsKey(base) && guard < 10; guard++) {
            String bound = typeVars.get(base);
            dims += count(bound, "[]");
            base = simple(bound.replace("[]", "").strip());
        }
        return base + "[]".repeat(dims);
    }

    static String simple(String qualified) {
        String s = qualified.strip();
        return s.substring(Math.max(s.lastIndexOf('.'), s.lastIndexOf('$')) + 1);
    }

    static String stripAnnotations(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == '@' && !s.startsWith("@interface", i)) {
                int j = i + 1;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || ".$_".indexOf(s.charAt(j)) >= 0)) {
                    j++;
                }
                int k = j;
                while (k < s.length() && s.charAt(k) == ' ') {
                    k++;
                }
                if (k < s.length() && s.charAt(k) == '(') {
                    j = matchingParen(s, k) + 1;
                }
                i = j;
                continue;
            }
            out.append(s.charAt(i++));
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    static String degeneric(String t) {
        String out = t;
        for (String n = out.replaceAll("<[^<>]*>", ""); !n.equals(out); n = out.replaceAll("<[^<>]*>", "")) {
            out = n;
        }
        return out;
    }

    static List<String> splitTop(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : s.toCharArray()) {
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }

    private static int matching(String s, int open) {
        return closing(s, open, '<', '>');
    }

    private static int matchingParen(String s, int open) {
        return closing(s, open, '(', ')');
    }

    private static int closing(String s, int open, char opens, char closes) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            depth += s.charAt(i) == opens ? 1 : s.charAt(i) == closes ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced " + opens + closes + " in " + s);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
