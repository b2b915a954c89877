package dev.flagledger.projections.flag;

import java.util.List;

/** One page of flags ordered by key; {@code hasNext} tells whether more follow the last one. */
public record FlagPage(List<FlagView> flags, boolean hasNext, int totalCount) {
}
