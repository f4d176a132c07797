package io.releaseguard.jenkins.subset;

import io.releaseguard.jenkins.subset.RealApi.RealClass;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds each compiled subset class against the real declarations, so that what compiles against the subset compiles
 * against Jenkins: the class exists with the same kind, is not extendable where the real one is final nor
 * instantiable where it is abstract, and its supertypes are real ancestors; every public or protected member is a
 * member of the real class or a real ancestor with the same static-ness, erased type and checked exceptions (a
 * constructor only matters, and is checked, where plugin code extends the class); and every real abstract method of
 * a type the plugin extends is declared, and abstract, in the subset.
 */
final class FidelityCheck {
    private static final List<String> JDK_PACKAGES = List.of(
            "java.lang",
            "java.util",
            "java.io",
            "java.util.concurrent",
            "java.util.function",
            "java.net",
            "java.lang.annotation",
            "java.lang.reflect",
            "java.security",
            "java.time");

    private final RealApi real;
    private final Set<String> extended;
    private final List<String> problems = new ArrayList<>();
    private int checks;

    FidelityCheck(RealApi real, Set<String> extended) {
        this.real = real;
        this.extended = extended;
    }

    List<String> problems() {
        return problems;
    }

    int checks() {
        return checks;
    }

    void check(Class<?> c) {
        Optional<RealClass> found = real.get(c.getName());
        if (!expect(found.isPresent(), c.getName() + ": the signature table has no rows for this class")) {
            return;
        }
        RealClass r = found.get();
        String kind = kindOf(c);
        expect(
                kind.equals(r.head().kind()),
                c.getName() + ": declared " + kind + ", real is " + r.head().kind());
        if (kind.equals("class")) {
            expect(
                    !r.head().modifiers().contains("final") || Modifier.isFinal(c.getModifiers()),
                    c.getName() + ": real class is final, the subset lets it be extended");
            expect(
                    !r.head().modifiers().contains("abstract") || Modifier.isAbstract(c.getModifiers()),
                    c.getName() + ": real class is abstract, the subset lets it be instantiated");
        }
        RealApi.Ancestry ancestry = real.ancestors(c.getName());
        List<Class<?>> outside = outsideAncestors(c, ancestry);
        for (Class<?> s : directSupertypes(c)) {
            expect(
                    ancestry.simpleNames().contains(s.getSimpleName()) || isAncestorOfAny(s, outside),
                    c.getName() + ": subset supertype " + s.getSimpleName() + " is not a real ancestor "
                            + new TreeSet<>(ancestry.simpleNames()));
        }
        List<RealClass> owners = new ArrayList<>();
        owners.add(r);
        owners.addAll(ancestry.inTable());
        boolean isExtended = extended.contains(c.getName());
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic() && !m.isBridge() && !isImplicitEnumMethod(c, m)) {
                checkExecutable(c, m, "method", owners, outside);
            }
        }
        if (isExtended) {
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k) && !k.isSynthetic()) {
                    checkExecutable(c, k, "ctor", List.of(r), List.of());
                }
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if ((Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) && !f.isSynthetic()) {
                checkField(c, f, r, owners);
            }
        }
        if (isExtended) {
            checkAbstracts(c, r);
        }
    }

    private void checkExecutable(
            Class<?> c, Executable e, String kind, List<RealClass> owners, List<Class<?>> outside) {
        List<String> params =
                Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName).toList();
        String name = kind.equals("ctor") ? c.getSimpleName() : e.getName();
        String sig = c.getSimpleName() + "." + name + "(" + String.join(", ", params) + ")";
        String key = kind + " " + name + "(" + String.join(", ", params) + ")";
        Set<String> mineThrows = checkedNames(e.getExceptionTypes());
        boolean isStatic = Modifier.isStatic(e.getModifiers());
        String mineType = e instanceof Method m ? m.getReturnType().getSimpleName() : "";
        for (RealClass owner : owners) {
            for (Declaration d : owner.members()) {
                if (d.key().equals(key)) {
                    expect(
                            isStatic == d.isStatic(),
                            sig + ": static-ness differs from the real one (" + owner.name() + ")");
                    expect(mineType.equals(d.type()), sig + ": returns " + mineType + ", real returns " + d.type());
                    Set<String> realThrows = checkedRealNames(d.throwsNames(), e.getExceptionTypes());
                    expect(
                            mineThrows.equals(realThrows),
                            sig + ": throws " + new TreeSet<>(mineThrows) + ", real throws "
                                    + new TreeSet<>(realThrows));
                    return;
                }
            }
        }
        if (kind.equals("ctor")
                && params.isEmpty()
                && owners.get(0).members().stream().noneMatch(d -> d.kind().equals("ctor"))) {
            // The real class declares no constructor, so it has Java's implicit no-argument one.
            expect(
                    mineThrows.isEmpty(),
                    sig + ": throws " + mineThrows + ", the implicit real constructor throws nothing");
            return;
        }
        if (e instanceof Method m) {
            List<Class<?>> libraries = new ArrayList<>(outside);
            libraries.add(Object.class);
            for (Class<?> o : libraries) {
                Optional<Method> lib = methodOf(o, m.getName(), m.getParameterTypes());
                if (lib.isPresent()) {
                    Method l = lib.get();
                    expect(
                            isStatic == Modifier.isStatic(l.getModifiers()),
                            sig + ": static-ness differs from " + o.getName());
                    expect(
                            mineType.equals(l.getReturnType().getSimpleName()),
                            sig + ": returns " + mineType + ", " + o.getName() + " returns "
                                    + l.getReturnType().getSimpleName());
                    expect(
                            mineThrows.equals(checkedNames(l.getExceptionTypes())),
                            sig + ": throws " + mineThrows + ", " + o.getName() + " throws "
                                    + checkedNames(l.getExceptionTypes()));
                    return;
                }
            }
        }
        expect(false, sig + ": no such " + kind + " in the real API or its ancestors");
    }

    private void checkField(Class<?> c, Field f, RealClass r, List<RealClass> owners) {
        String sig = c.getSimpleName() + "." + f.getName();
        if (f.isEnumConstant()) {
            List<String> constants = enumConstants(r);
            expect(constants.contains(f.getName()), sig + ": no such enum constant (real: " + constants + ")");
            return;
        }
        for (RealClass owner : owners) {
            for (Declaration d : owner.members()) {
                if (d.kind().equals("field") && d.name().equals(f.getName())) {
                    expect(
                            Modifier.isStatic(f.getModifiers()) == d.isStatic(),
                            sig + ": static-ness differs from the real one");
                    expect(
                            f.getType().getSimpleName().equals(d.type()),
                            sig + ": is a " + f.getType().getSimpleName() + ", real is a " + d.type());
                    return;
                }
            }
        }
        expect(false, sig + ": no such field in the real API or its ancestors");
    }

    private void checkAbstracts(Class<?> c, RealClass r) {
        Map<String, Method> mine = new LinkedHashMap<>();
        for (Method m : c.getDeclaredMethods()) {
            if (!m.isSynthetic() && !m.isBridge()) {
                List<String> params = Arrays.stream(m.getParameterTypes())
                        .map(Class::getSimpleName)
                        .toList();
                mine.put("method " + m.getName() + "(" + String.join(", ", params) + ")", m);
            }
        }
        for (Declaration d : r.members()) {
            if (d.kind().equals("method") && d.isAbstract()) {
                Method m = mine.get(d.key());
                expect(
                        m != null && Modifier.isAbstract(m.getModifiers()),
                        c.getSimpleName() + "." + d.name() + "(" + String.join(", ", d.params())
                                + "): abstract in the real API, " + (m == null ? "missing" : "concrete")
                                + " in the subset");
            }
        }
    }

    private boolean expect(boolean ok, String problem) {
        checks++;
        if (!ok) {
            problems.add(problem);
        }
        return ok;
    }

    private static boolean visible(Executable e) {
        return Modifier.isPublic(e.getModifiers()) || Modifier.isProtected(e.getModifiers());
    }

    private static boolean isImplicitEnumMethod(Class<?> c, Method m) {
        return c.isEnum()
                && ((m.getName().equals("values") && m.getParameterCount() == 0)
                        || (m.getName().equals("valueOf")
                                && Arrays.equals(m.getParameterTypes(), new Class<?>[] {String.class})));
    }

    private static String kindOf(Class<?> c) {
        if (c.isAnnotation()) {
            return "@interface";
        }
        if (c.isInterface()) {
            return "interface";
        }
        if (c.isEnum()) {
            return "enum";
        }
        return c.isRecord() ? "record" : "class";
    }

    private static List<Class<?>> directSupertypes(Class<?> c) {
        List<Class<?>> out = new ArrayList<>();
        Class<?> sup = c.getSuperclass();
        if (sup != null && sup != Object.class && sup != Enum.class && sup != Record.class) {
            out.add(sup);
        }
        for (Class<?> i : c.getInterfaces()) {
            if (i != java.lang.annotation.Annotation.class) {
                out.add(i);
            }
        }
        return out;
    }

    /** The real ancestors the table does not hold, as classes: found among the subset's own supertypes or the JDK. */
    private static List<Class<?>> outsideAncestors(Class<?> c, RealApi.Ancestry ancestry) {
        List<Class<?>> everywhere = new ArrayList<>();
        collectAll(c, everywhere);
        List<Class<?>> out = new ArrayList<>();
        for (String name : ancestry.outside()) {
            everywhere.stream()
                    .filter(s -> s.getSimpleName().equals(name))
                    .findFirst()
                    .or(() -> jdkClass(name))
                    .ifPresent(out::add);
        }
        return out;
    }

    private static void collectAll(Class<?> c, List<Class<?>> out) {
        for (Class<?> s : directSupertypes(c)) {
            if (!out.contains(s)) {
                out.add(s);
                collectAll(s, out);
            }
        }
    }

    private static boolean isAncestorOfAny(Class<?> s, List<Class<?>> outside) {
        return outside.stream().anyMatch(s::isAssignableFrom);
    }

    private static Optional<Method> methodOf(Class<?> c, String name, Class<?>[] params) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            try {
                Method m = k.getDeclaredMethod(name, params);
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    return Optional.of(m);
                }
            } catch (NoSuchMethodException e) {
                // not declared here; look further up
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            Optional<Method> m = methodOf(i, name, params);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static Set<String> checkedNames(Class<?>[] exceptions) {
        Set<String> out = new LinkedHashSet<>();
        for (Class<?> e : exceptions) {
            if (!RuntimeException.class.isAssignableFrom(e) && !Error.class.isAssignableFrom(e)) {
                out.add(e.getSimpleName());
            }
        }
        return out;
    }

    /**
     * The real throws clause less its unchecked exceptions. A name is unchecked when it resolves, through the subset
     * member's own exception classes, the JDK, or the table's class declarations, to a RuntimeException or Error;
     * a name that resolves nowhere counts as checked, so an omission is reported rather than excused.
     */
    private Set<String> checkedRealNames(Set<String> names, Class<?>[] mine) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            if (!isUnchecked(n, mine, 0)) {
                out.add(n);
            }
        }
        return out;
    }

    private boolean isUnchecked(String simple, Class<?>[] mine, int depth) {
        Optional<Class<?>> known = Arrays.stream(mine)
                .filter(e -> e.getSimpleName().equals(simple))
                .<Class<?>>map(e -> e)
                .findFirst()
                .or(() -> jdkClass(simple));
        if (known.isPresent()) {
            return RuntimeException.class.isAssignableFrom(known.get()) || Error.class.isAssignableFrom(known.get());
        }
        Optional<RealClass> r = real.resolve(simple, "");
        if (r.isEmpty() || depth > 10) {
            return false;
        }
        for (String s : r.get().head().supers()) {
            if (isUnchecked(s, mine, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Class<?>> jdkClass(String simple) {
        for (String pkg : JDK_PACKAGES) {
            try {
                return Optional.of(Class.forName(pkg + "." + simple, false, ClassLoader.getPlatformClassLoader()));
            } catch (ClassNotFoundException e) {
                // not in this package
            }
        }
        return Optional.empty();
    }

    private static List<String> enumConstants(RealClass r) {
        for (String row : r.rows()) {
            String[] cols = row.split("\t");
            if (cols[1].equals("field") && cols[2].startsWith("enum constants:")) {
                return Arrays.stream(
                                cols[2].substring("enum constants:".length()).split(","))
                        .map(String::strip)
                        .toList();
            }
        }
        return List.of();
    }
}
