package dev.flagledger.graphql.connection;

import dev.flagledger.domain.shared.InvalidInput;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Relay connections over lists ordered by key (keyset pagination). Cursors are opaque: base64 of
 * "kind:key", so a flag cursor can never be replayed against segments.
 */
public final class KeysetConnection {
    public static final int PAGE_MAX = 100;
    private static final int PAGE_DEFAULT = 50;

    private KeysetConnection() {
    }

    /** The page size asked for, or the default; outside 1..100 is a validation error. */
    public static int pageSize(Integer first) {
        int size = first == null ? PAGE_DEFAULT : first;
        if (size < 1 || size > PAGE_MAX) throw new InvalidInput("first must be between 1 and " + PAGE_MAX);
        return size;
    }

    public static String cursor(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor of this kind points after; null for no cursor; anything else is refused. */
    public static String keyAfter(String kind, String cursor) {
        if (cursor == null) return null;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(kind + ":")) return decoded.substring(kind.length() + 1);
        } catch (IllegalArgumentException notBase64) {
            // falls through to the typed refusal
        }
        throw new InvalidInput("invalid cursor");
    }

    /**
     * The connection map GraphQL renders: edges with cursors, pageInfo, and totalCount when known.
     * {@code nodes} holds at most one page; {@code hasNext} says whether more follow.
     */
    public static <T> Map<String, Object> of(String kind, List<T> nodes, boolean hasNext, String after,
                                             Function<T, String> keyOf, Integer totalCount) {
        List<Map<String, Object>> edges = nodes.stream()
                .map(node -> Map.<String, Object>of("cursor", cursor(kind, keyOf.apply(node)), "node", node))
                .toList();
        Map<String, Object> pageInfo = new HashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", after != null);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.get(0).get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.get(edges.size() - 1).get("cursor"));
        Map<String, Object> connection = new HashMap<>(Map.of("edges", edges, "pageInfo", pageInfo));
        if (totalCount != null) connection.put("totalCount", totalCount);
        return connection;
    }
}
