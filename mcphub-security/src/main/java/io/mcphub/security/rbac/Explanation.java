package io.mcphub.security.rbac;

/**
 * Why a user may or may not do something: the answer of {@code GET /api/v1/policies/explain}.
 *
 * @param policy the policy that allowed it (the first in name order); null when denied or when the grant is implicit
 * @param grant  the permission of that policy that covers the request; null when denied
 * @param reason one sentence for a person: which policy allowed it, or what the policies grant instead
 */
public record Explanation(boolean allowed, String user, String permission, String resource, String policy,
                          String grant, String reason) {}
