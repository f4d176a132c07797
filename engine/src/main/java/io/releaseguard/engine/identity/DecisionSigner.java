package io.releaseguard.engine.identity;

import io.releaseguard.engine.ReleaseGuardException;

/**
 * Signs a decision's canonical text for the person deciding; {@link SshSignatures#signer} is the OpenSSH one. The
 * answer is the armored signature ({@code -----BEGIN SSH SIGNATURE-----}).
 */
@FunctionalInterface
public interface DecisionSigner {

    /** The signature of {@code decision.text()}. */
    String sign(SignedDecision decision) throws ReleaseGuardException;
}
