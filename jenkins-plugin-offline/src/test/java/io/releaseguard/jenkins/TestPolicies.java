package io.releaseguard.jenkins;

/**
 * Policies the plugin tests share. This folder is also a test source root of the real plugin build (-Pjenkins), so
 * the JenkinsRule tests use the same texts and the same expected problem lines.
 */
public final class TestPolicies {
    /** The smallest valid policy: two environments, no services. */
    public static final String MINIMAL =
            """
            version: 1
            environments:
              - name: testnet
              - name: mainnet
            """;

    /** Broken YAML: the engine reports it at {@code :4:14} as {@link #BROKEN_YAML_PROBLEM}. */
    public static final String BROKEN_YAML =
            """
            version: 1
            environments:
              - name: testnet
                soak: [1h
            """;

    public static final String BROKEN_YAML_PROBLEM = "4:14 invalid YAML: while parsing a flow sequence; soak: [1h;"
            + " expected ',' or ']', but got <stream end>";

    /** Three mistakes in one file, every one reported. */
    public static final String THREE_MISTAKES =
            """
            version: 1
            timezone: Europe/Berlinn
            environments:
              - name: testnet
              - name: mainnet
                windows:
                  - days: [TUE]
                    from: "14:00"
                    to: "25:00"
                minIntervall: 48h
            """;

    /** A key that is markup: whatever shows the problem must escape it. */
    public static final String MARKUP_KEY =
            """
            version: 1
            environments:
              - name: testnet
            <img src=x onerror=alert(1)>: 1
            """;

    public static final String MARKUP_KEY_PROBLEM = "4:1 <img src=x onerror=alert(1)>: unknown key";

    private TestPolicies() {}
}
