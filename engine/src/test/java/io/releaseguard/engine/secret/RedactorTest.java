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
}
