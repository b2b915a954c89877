package dev.flagledger.domain.project;

import dev.flagledger.domain.shared.InvalidInput;

import java.util.Collection;
import java.util.List;

/**
 * How an environment guards its changes (docs/approvals.md): every change becomes a change request
 * that needs {@code requiredApprovals} distinct approvers, holding one of {@code approverRoles} or
 * {@code approverGroups} when either is given; authors approve their own change only when
 * {@code allowSelfApproval}; a holder of {@code breakGlassRole} (a role or group) may apply a request
 * without approvals, which is recorded and reported. Plain data: it travels in events.
 */
public record EnvironmentProtection(int requiredApprovals, List<String> approverRoles, List<String> approverGroups,
                                    boolean allowSelfApproval, String breakGlassRole) {
    public static final int MAX_APPROVALS = 10;
    /** What a change request needs when its environment is not protected (a promotion to it). */
    public static final EnvironmentProtection UNPROTECTED = new EnvironmentProtection(1, List.of(), List.of(), true, null);

    public EnvironmentProtection {
        approverRoles = approverRoles == null ? List.of() : List.copyOf(approverRoles);
        approverGroups = approverGroups == null ? List.of() : List.copyOf(approverGroups);
        breakGlassRole = breakGlassRole == null || breakGlassRole.isBlank() ? null : breakGlassRole.strip();
    }

    /** Refuses a policy that could never be satisfied or is absurdly large. */
    public EnvironmentProtection checked() {
        if (requiredApprovals < 1 || requiredApprovals > MAX_APPROVALS)
            throw new InvalidInput("requiredApprovals must be between 1 and " + MAX_APPROVALS + ", got " + requiredApprovals);
        for (List<String> names : List.of(approverRoles, approverGroups)) {
            if (names.size() > 20) throw new InvalidInput("at most 20 approver roles and 20 approver groups");
            for (String name : names)
                if (name == null || name.isBlank() || name.length() > 200)
                    throw new InvalidInput("approver roles and groups are non-blank names of at most 200 characters");
        }
        if (breakGlassRole != null && breakGlassRole.length() > 200)
            throw new InvalidInput("breakGlassRole must be at most 200 characters");
        return this;
    }

    /** Whether someone holding these roles and groups is among the approvers this policy names. */
    public boolean admitsApprover(Collection<String> roles, Collection<String> groups) {
        if (approverRoles.isEmpty() && approverGroups.isEmpty()) return true;
        return approverRoles.stream().anyMatch(roles::contains) || approverGroups.stream().anyMatch(groups::contains);
    }

    /** Whether someone holding these roles and groups may break the glass. */
    public boolean admitsBreakGlass(Collection<String> roles, Collection<String> groups) {
        return breakGlassRole != null && (roles.contains(breakGlassRole) || groups.contains(breakGlassRole));
    }
}
