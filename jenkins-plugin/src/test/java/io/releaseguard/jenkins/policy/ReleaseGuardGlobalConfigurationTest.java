package io.releaseguard.jenkins.policy;

import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML;
import static io.releaseguard.jenkins.TestPolicies.BROKEN_YAML_PROBLEM;
import static io.releaseguard.jenkins.TestPolicies.MARKUP_KEY;
import static io.releaseguard.jenkins.TestPolicies.MINIMAL;
import static io.releaseguard.jenkins.TestPolicies.THREE_MISTAKES;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class ReleaseGuardGlobalConfigurationTest {
    private static final String CHECK_URL =
            "descriptorByName/" + ReleaseGuardGlobalConfiguration.class.getName() + "/checkPolicyYaml";

    private JenkinsRule r;

    @BeforeEach
    void jenkins(JenkinsRule r) {
        this.r = r;
    }

    /** "reader" may only read; "admin" administers. */
    private void secure() {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ)
                .everywhere()
                .to("reader")
                .grant(Jenkins.ADMINISTER)
                .everywhere()
                .to("admin"));
    }

    @Test
    void configPageRoundTripKeepsEverySetting() throws Exception {
        ReleaseGuardGlobalConfiguration config = ReleaseGuardGlobalConfiguration.get();
        config.setPolicyYaml(MINIMAL);
        config.setStateDir("/var/lib/release-guard");
        config.setAllowWorkspacePolicy(true);

        r.configRoundtrip();

        assertEquals(MINIMAL, config.getPolicyYaml());
        assertEquals("/var/lib/release-guard", config.getStateDir());
        assertTrue(config.isAllowWorkspacePolicy());
    }

    @Test
    void savingAnInvalidPolicyIsRefusedAndKeepsTheOldOne() throws Exception {
        secure();
        ReleaseGuardGlobalConfiguration.get().setPolicyYaml(MINIMAL);
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        HtmlForm form = wc.goTo("configure").getFormByName("config");
        form.getTextAreaByName("_.policyYaml").setText(BROKEN_YAML);

        HtmlPage result = r.submit(form);

        assertThat(result.asNormalizedText(), containsString("releaseGuard.policyYaml:" + BROKEN_YAML_PROBLEM));
        assertEquals(MINIMAL, ReleaseGuardGlobalConfiguration.get().getPolicyYaml());
    }

    @Test
    void checkPolicyYamlIsNotRoutedForGet() throws Exception {
        secure();
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("admin");

        WebResponse rsp = wc.getPage(new WebRequest(new URL(r.getURL(), CHECK_URL + "?value=version"), HttpMethod.GET))
                .getWebResponse();

        // @POST: Stapler does not dispatch other verbs to the method, so routing falls through to "not found".
        assertThat(rsp.getStatusCode(), oneOf(404, 405));
    }

    @Test
    void checkPolicyYamlNeedsAdminister() throws Exception {
        secure();
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("reader");

        assertEquals(403, check(wc, BROKEN_YAML).getStatusCode());
    }

    @Test
    void checkPolicyYamlListsEveryProblem() throws Exception {
        secure();
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("admin");

        String body = check(wc, THREE_MISTAKES).getContentAsString();

        assertThat(body, containsString("releaseGuard.policyYaml:2:11 timezone: "));
        assertThat(body, containsString("releaseGuard.policyYaml:9:13 environments[1].windows[0].to: "));
        assertThat(body, containsString("releaseGuard.policyYaml:10:5 environments[1].minIntervall: unknown key"));
    }

    @Test
    void checkPolicyYamlEscapesWhatItEchoes() throws Exception {
        secure();
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("admin");

        WebResponse rsp = check(wc, MARKUP_KEY);

        assertEquals(200, rsp.getStatusCode());
        String body = rsp.getContentAsString();
        assertThat(body, containsString("releaseGuard.policyYaml:4:1 &lt;img src=x onerror=alert(1)&gt;: unknown key"));
        assertThat(body, not(containsString("<img src=x")));
    }

    @Test
    void checkPolicyYamlAcceptsAValidOrEmptyPolicy() throws Exception {
        secure();
        JenkinsRule.WebClient wc =
                r.createWebClient().withThrowExceptionOnFailingStatusCode(false).withBasicApiToken("admin");

        for (String policy : List.of(MINIMAL, "")) {
            WebResponse rsp = check(wc, policy);
            assertEquals(200, rsp.getStatusCode());
            assertThat(rsp.getContentAsString(), not(containsString("error")));
        }
    }

    private WebResponse check(JenkinsRule.WebClient wc, String policy) throws Exception {
        WebRequest request = new WebRequest(new URL(r.getURL(), CHECK_URL), HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("value", policy)));
        return wc.getPage(request).getWebResponse();
    }
}
