package io.releaseguard.jenkins.subset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The compiled subset and the plugin classes compiled against it, loaded together in a class loader of their own:
 * the test's class path deliberately lacks the subset (so that no test can run a stub), and a plugin class can only
 * be loaded where its Jenkins supertypes can. Nothing is initialised; only declarations are read.
 */
final class SubsetClasses implements AutoCloseable {
    private final Path subsetDir;
    private final Path pluginDir;
    private final URLClassLoader loader;

    SubsetClasses(Path subsetDir, Path pluginDir) {
        this.subsetDir = subsetDir;
        this.pluginDir = pluginDir;
        try {
            this.loader = new ChildFirst(
                    new URL[] {subsetDir.toUri().toURL(), pluginDir.toUri().toURL()},
                    SubsetClasses.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Binary names of every class the subset declares, nested ones included, sorted. */
    List<String> subsetClassNames() {
        return classNames(subsetDir);
    }

    Class<?> load(String binaryName) {
        try {
            return Class.forName(binaryName, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + binaryName + ": " + e, e);
        }
    }

    /**
     * The subset types plugin code extends or implements, directly or through other types (anonymous and nested
     * classes included): the types whose abstract methods and constructors the plugin relies on.
     */
    Set<String> extendedByPlugin() {
        Set<String> subset = new LinkedHashSet<>(subsetClassNames());
        Set<String> out = new LinkedHashSet<>();
        for (String name : classNames(pluginDir)) {
            collectSupertypes(load(name), subset, out);
        }
        return out;
    }

    private static void collectSupertypes(Class<?> c, Set<String> subset, Set<String> out) {
        List<Class<?>> direct = new ArrayList<>(List.of(c.getInterfaces()));
        if (c.getSuperclass() != null) {
            direct.add(c.getSuperclass());
        }
        for (Class<?> s : direct) {
            if (subset.contains(s.getName())) {
                out.add(s.getName());
            }
            collectSupertypes(s, subset, out);
        }
    }

    private static List<String> classNames(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.endsWith("package-info.class") && !p.endsWith("module-info.class"))
                    .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** Loads what its own folders hold itself, so plugin classes link against the subset and not the parent. */
    private static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
