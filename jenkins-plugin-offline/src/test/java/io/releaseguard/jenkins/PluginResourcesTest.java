package io.releaseguard.jenkins;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The views Jenkins only checks at run time: every form escapes by default, binds exactly the fields its class
 * declares, and has a help page per field; each step has a help page with an example.
 */
class PluginResourcesTest {
    private static final Map<String, List<String>> FORMS = Map.of(
            "io/releaseguard/jenkins/policy/ReleaseGuardGlobalConfiguration",
                    List.of("policyYaml", "stateDir", "allowWorkspacePolicy"),
            "io/releaseguard/jenkins/steps/ReleaseGuardValidateStep", List.of("config"),
            "io/releaseguard/jenkins/steps/ReleaseGuardPlanStep", List.of("release", "to", "config"),
            "io/releaseguard/jenkins/steps/ReleaseGuardPromoteStep",
                    List.of("release", "to", "emergency", "reason", "config"),
            "io/releaseguard/jenkins/steps/ReleaseGuardResumeStep", List.of("promotion", "config"));
    private static final String APPROVAL_PAGE =
            "io/releaseguard/jenkins/approval/ReleaseGuardApprovalAction/index.jelly";
    private static final Pattern FIELD = Pattern.compile("field=\"([^\"]+)\"");
    private static final List<String> VIEWS = List.of(
            "index.jelly",
            "io/releaseguard/jenkins/policy/ReleaseGuardGlobalConfiguration/config.jelly",
            "io/releaseguard/jenkins/steps/ReleaseGuardValidateStep/config.jelly",
            "io/releaseguard/jenkins/steps/ReleaseGuardPlanStep/config.jelly",
            "io/releaseguard/jenkins/steps/ReleaseGuardPromoteStep/config.jelly",
            "io/releaseguard/jenkins/steps/ReleaseGuardResumeStep/config.jelly",
            APPROVAL_PAGE);

    /** A localized text; Stapler reads {@code ${%Key(a,b)}} as key "Key" with JEXL arguments a and b. */
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");

    @Test
    void everyJellyEscapesByDefault() {
        for (String view : VIEWS) {
            assertTrue(read(view).startsWith("<?jelly escape-by-default='true'?>"), view);
        }
    }

    /**
     * "${%Comment (optional)}" would show "Comment " with the JEXL argument {@code optional}, and a text such as
     * "(required to reject)" is no JEXL expression at all, so the page would fail to render.
     */
    @Test
    void localizedTextsHaveNoParentheses() {
        for (String view : VIEWS) {
            Matcher m = LOCALIZED.matcher(read(view));
            while (m.find()) {
                assertTrue(m.group(1).indexOf('(') < 0, view + ": ${%" + m.group(1) + "} would be read as arguments");
            }
        }
    }

    @Test
    void everyFormBindsItsFieldsAndDocumentsEach() {
        FORMS.forEach((folder, fields) -> {
            Matcher m = FIELD.matcher(read(folder + "/config.jelly"));
            List<String> bound = m.results().map(r -> r.group(1)).toList();
            assertTrue(bound.equals(fields), folder + " binds " + bound + ", expected " + fields);
            fields.forEach(field -> read(folder + "/help-" + field + ".html"));
        });
    }

    @Test
    void everyStepHelpShowsAnExample() {
        for (String step : List.of(
                "ReleaseGuardValidateStep",
                "ReleaseGuardPlanStep",
                "ReleaseGuardPromoteStep",
                "ReleaseGuardResumeStep")) {
            String help = read("io/releaseguard/jenkins/steps/" + step + "/help.html");
            assertTrue(help.contains("<pre>"), step + " help needs an example");
        }
    }

    @Test
    void theApprovalPagePostsEachDecisionToItsPromotionAndPrintsNothingRaw() {
        String page = read(APPROVAL_PAGE);

        assertTrue(page.contains("method=\"post\" action=\"${base}/${p.id}/approve\""), page);
        assertTrue(page.contains("method=\"post\" action=\"${base}/${p.id}/reject\""), page);
        assertTrue(page.contains("<j:if test=\"${it.canDecide}\">"), page);
        for (String raw : List.of("escapeText=\"false\"", "<j:out", "h.rawHtml")) {
            assertTrue(!page.contains(raw), "the approval page must not print " + raw);
        }
    }

    private static String read(String resource) {
        try (InputStream in = PluginResourcesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, "missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
