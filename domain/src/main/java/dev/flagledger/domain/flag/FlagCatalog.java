package dev.flagledger.domain.flag;

import java.util.Optional;

/**
 * A consistent look-up of other flags of a project by key, for checks that span flags
 * (prerequisites exist, serve a real variation, and form no cycle). Implementations load the flag
 * from its event stream, not from an asynchronous read model.
 */
public interface FlagCatalog {
    Optional<FlagFacts> find(String projectKey, String flagKey);
}
