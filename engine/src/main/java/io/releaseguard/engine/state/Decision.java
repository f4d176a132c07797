package io.releaseguard.engine.state;

/** What an approver decided about a promotion. A rejection is recorded like an approval, never dropped. */
public enum Decision {
    APPROVE,
    REJECT
}
