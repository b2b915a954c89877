package dev.flagledger.domain;

import dev.flagledger.domain.shared.Conflict;
import dev.flagledger.domain.shared.KeyRegistry;

import java.util.HashMap;
import java.util.Map;

public class InMemoryKeyRegistry implements KeyRegistry {
    private final Map<String, String> owners = new HashMap<>();

    @Override
    public void claim(String scope, String key, String ownerId) {
        if (owners.putIfAbsent(scope + "/" + key, ownerId) != null)
            throw new Conflict(key + " is taken in " + scope);
    }
}
