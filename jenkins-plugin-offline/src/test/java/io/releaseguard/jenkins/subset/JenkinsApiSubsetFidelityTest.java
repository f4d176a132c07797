package io.releaseguard.jenkins.subset;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The offline build's proof that jenkins-api-subset still matches the real Jenkins API: every class the subset
 * declares (found in its compiled classes, so new ones are held too) is checked by {@link FidelityCheck} against
 * {@code src/test/resources/jenkins-api-signatures.tsv}, this module's copy of the rows of the shared signature
 * table for those classes and their ancestors. A class without rows fails the test; refresh the copy with
 * {@code jenkins-plugin-offline/refresh-api-signatures} (see jenkins-plugin/README.md).
 */
class JenkinsApiSubsetFidelityTest {
    static final String REFRESH = "jenkins-plugin-offline/refresh-api-signatures";

    @Test
    void everySubsetMemberIsARealMemberAndEveryAbstractMethodIsKept() throws IOException {
        Path subset = directory("releaseguard.subsetClasses");
        Path plugin = directory("releaseguard.pluginClasses");
        Path table = Path.of(property("releaseguard.signatures"));
        try (SubsetClasses classes = new SubsetClasses(subset, plugin)) {
            List<String> names = classes.subsetClassNames();
            assertTrue(names.size() > 20, "too few subset classes found in " + subset + ": " + names);
            String source = System.getProperty("releaseguard.refreshSignaturesFrom", "");
            if (!source.isBlank()) {
                Path shared = Path.of(property("releaseguard.repositoryRoot")).resolve(source);
                int rows = SignatureRows.refresh(shared, names, table);
                System.out.println("wrote " + rows + " rows from " + shared + " to " + table);
            }
            RealApi real;
            try (Reader in = Files.newBufferedReader(table, StandardCharsets.UTF_8)) {
                real = RealApi.read(in);
            }
            List<String> missing =
                    names.stream().filter(n -> real.get(n).isEmpty()).toList();
            if (!missing.isEmpty()) {
                fail("no rows in " + table + " for subset classes " + missing + ". If they are real Jenkins API,"
                        + " run " + REFRESH + " from the repository root to copy their rows from the shared"
                        + " jenkins-api-signatures.tsv; a class the shared table lacks must be added there first.");
            }
            Set<String> extended = classes.extendedByPlugin();
            assertTrue(extended.contains("org.jenkinsci.plugins.workflow.steps.Step"), "extended: " + extended);
            FidelityCheck check = new FidelityCheck(real, extended);
            for (String n : names) {
                check.check(classes.load(n));
            }
            System.out.println(
                    "jenkins-api-subset: " + (check.checks() - check.problems().size()) + "/"
                            + check.checks() + " checks agree with the real API, " + names.size() + " classes, "
                            + extended.size() + " extended by the plugin");
            if (!check.problems().isEmpty()) {
                fail(check.problems().size() + " subset declarations differ from the real API:\n  "
                        + String.join("\n  ", check.problems()));
            }
        }
    }

    private static Path directory(String key) {
        Path p = Path.of(property(key));
        assertTrue(Files.isDirectory(p), key + " = " + p + " is not a folder; build the reactor (-am)");
        return p;
    }

    private static String property(String key) {
        String v = System.getProperty(key);
        assertTrue(
                v != null && !v.isBlank(),
                "system property " + key + " is not set (see jenkins-plugin-offline/pom.xml)");
        return v;
    }
}
