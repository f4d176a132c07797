package io.releaseguard.engine.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://user:hunter2@api.example.org/health|https://user:****@api.example.org/health",
                "https://tok3n@api.example.org/x|https://****@api.example.org/x",
                "https://api.example.org/x?token=abc&page=2|https://api.example.org/x?token=****&page=2",
                "https://api.example.org/x?page=2&api_key=zz|https://api.example.org/x?page=2&api_key=****",
                "https://api.example.org/x?X-Amz-Signature=zz|https://api.example.org/x?X-Amz-Signature=****",
                "https://hooks.slack.com/services/T000/B000/XXXX|https://hooks.slack.com/services/****",
                "https://acme.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456|https://acme.webhook.office.com/webhookb2/****",
                "http://127.0.0.1:8081/health|http://127.0.0.1:8081/health",
            })
    void masksSecretPartsOfUrls(String in, String expected) {
        assertThat(Redactor.url(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Authorization,true", "X-Api-Key,true", "PRIVATE-TOKEN,true", "Accept,false", "page,false"})
    void recognisesCredentialNames(String name, boolean secret) {
        assertThat(Redactor.isSecretName(name)).isEqualTo(secret);
    }

    @org.junit.jupiter.api.Test
    void masksUrlsInsideFreeText() {
        assertThat(Redactor.text("push to https://u:pw@r.example.org/x?token=abc failed; see http://127.0.0.1/log"))
                .isEqualTo("push to https://u:****@r.example.org/x?token=**** failed; see http://127.0.0.1/log");
    }

    private static final String TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x"; // 49 characters

    @org.junit.jupiter.api.Test
    void anEchoedBearerTokenIsMaskedBeforeTheExcerptIsCutSoNoPrefixShows() {
        String body = "{\"error\":\"unauthorized\",\"echo\":\"Authorization: Bearer " + TOKEN + "\"}";

        String shown = Redactor.excerpt(body, 80, java.util.Set.of(TOKEN));
        String unknown = Redactor.excerpt(body, 80, java.util.Set.of());

        assertThat(shown).isEqualTo("{\"error\":\"unauthorized\",\"echo\":\"Authorization: Bearer ****\"}");
        assertThat(unknown)
                .as("a credential after its scheme is masked even when not known")
                .isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void aSecretCutOffAtTheExcerptsEndIsMasked() {
        String padding = "x".repeat(70);
        // The body itself ends part-way through the secret (a capped read), and the cut falls inside another copy.
        String cutByTheServer = padding + " key=" + TOKEN.substring(0, 20);
        String cutByTheExcerpt = padding + " " + "y".repeat(5) + " " + TOKEN + TOKEN;

        assertThat(Redactor.excerpt(cutByTheServer, 200, java.util.Set.of(TOKEN)))
                .isEqualTo(padding + " key=****");
        assertThat(Redactor.excerpt(cutByTheExcerpt, 80, java.util.Set.of(TOKEN)))
                .isEqualTo(padding + " yyyyy …")
                .doesNotContain(TOKEN.substring(0, Redactor.MIN_PREFIX));
        assertThat(Redactor.excerpt("bearer-less text ending in ghp", 80, java.util.Set.of(TOKEN)))
                .as("three characters of a secret are not worth hiding")
                .isEqualTo("bearer-less text ending in ghp");
        assertThat(Redactor.excerpt("tail ghp_A1b2", 80, java.util.Set.of(TOKEN)))
                .isEqualTo("tail ****");
    }

    @org.junit.jupiter.api.Test
    void anExcerptIsOneLineAndCutWithAnEllipsis() {
        assertThat(Redactor.excerpt(" line one\r\nline two ", 80, java.util.Set.of()))
                .isEqualTo("line one  line two");
        assertThat(Redactor.excerpt("abcdef", 3, java.util.Set.of())).isEqualTo("abc…");
        assertThat(Redactor.excerpt("Authorization: Bearer abc", 24, java.util.Set.of()))
                .isEqualTo("Authorization: Bearer ****…");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://discord.example/api/webhooks/123/abc?wait=true|https://discord.example/****",
                "https://chat.example.org:8065/hooks/xyz|https://chat.example.org:8065/****",
                "https://hooks.slack.com/services/T000/B000/XXXX|https://hooks.slack.com/****",
                "http://user:pw@10.0.0.5/notify|http://user:****@10.0.0.5/****",
                "https://self-hosted.example/?token=abc|https://self-hosted.example/****",
                "https://plain.example|https://plain.example",
                "not a url|****",
            })
    void masksThePathAndQueryOfEveryWebhookUrl(String in, String expected) {
        assertThat(Redactor.webhookUrl(in)).isEqualTo(expected);
    }
}
