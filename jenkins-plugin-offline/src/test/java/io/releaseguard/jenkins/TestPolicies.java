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

    /**
     * A policy to promote under: testnet open, mainnet needing two of the leads (never the requester). Service
     * {@code api} is deployed by a local command that leaves {@code deployed-ENV-RELEASE} in the policy's folder and
     * fails for {@link #BROKEN_RELEASE}, so its rollback is exercised too.
     */
    public static final String PROMOTION =
            """
            version: 1
            groups:
              leads: [alice, bob, carol]
            environments:
              - name: testnet
              - name: mainnet
                approvals:
                  required: 2
                  reviewers: [group:leads]
            services:
              - name: api
                deploy:
                  command: sh -c 'test "$1" != sha-2222222 && touch "deployed-$2-$1"' deploy {release} {environment}
            """;

    /** The release whose deploy command fails under {@link #PROMOTION}. */
    public static final String BROKEN_RELEASE = "sha-2222222";

    /** {@link #PROMOTION} with mainnet frozen for this century. */
    public static final String PROMOTION_FROZEN = PROMOTION
            + """
            freezes:
              - name: century
                environments: [mainnet]
                from: "2000-01-01T00:00:00Z"
                to: "2100-01-01T00:00:00Z"
            """;

    private TestPolicies() {}
}
