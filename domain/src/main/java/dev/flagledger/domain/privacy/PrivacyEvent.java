package dev.flagledger.domain.privacy;

/** Facts about personal data held by the store; they name keys, never people. */
public sealed interface PrivacyEvent permits DataSubjectErased {
    String erasureId();
}
