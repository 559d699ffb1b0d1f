package io.mcphub.security.rbac;

import io.mcphub.core.Json;
import io.mcphub.core.text.Suggestions;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.GrantResolver;
import io.mcphub.store.Compare;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The RBAC policies of the hub: stored one JSON value per policy under {@value #PREFIX}, answered from memory.
 * Deny by default: a user may do only what a policy naming them or one of their groups grants, plus
 * {@code read:self}. Several hubs on one store see each other's changes through the store's watch.
 */
public final class Policies implements GrantResolver, AutoCloseable {

    public static final String PREFIX = "/mcphub/auth/policies/";

    /** Created on first start so that the admin (in group {@code admins}) can act at all. */
    public static final Policy BOOTSTRAP = new Policy("admins", List.of(Permissions.ALL), List.of(), List.of("admins"));

    private final Store store;
    private final PolicyCache cache;

    public Policies(Store store) {
        this.store = store;
        this.cache = new PolicyCache(store, PREFIX);
    }

    /**
     * Creates or replaces each named policy, all in one store transaction: a refused or failed apply changes nothing.
     * The change applies to this hub's next request on return, and to other hubs' as soon as their watch delivers it.
     *
     * @return the names applied, in the order given
     * @throws ProblemException INVALID_DOCUMENT if any policy breaks the rules {@link PolicyFile} enforces
     */
    public List<String> apply(List<Policy> policies) {
        PolicyFile.check(policies);
        store.txn(List.of(), policies.stream().map(p -> Op.put(key(p.name()), Json.bytes(p))).toList());
        cache.refresh();
        return policies.stream().map(Policy::name).toList();
    }

    /** Every policy, in name order. */
    public List<Policy> list() {
        return cache.current().policies();
    }

    public Optional<Policy> get(String name) {
        return Optional.ofNullable(cache.current().byName().get(name));
    }

    /** @throws ProblemException NOT_FOUND, suggesting the closest name, if there is no such policy */
    public void delete(String name) {
        // A name no policy could have is never looked up, so it cannot reach other keys through "/".
        boolean valid = name != null && PolicyChecker.NAME.matcher(name).matches();
        if (!valid || !store.delete(key(name))) {
            throw notFound(String.valueOf(name));
        }
        cache.refresh();
    }

    private ProblemException notFound(String name) {
        Set<String> known = cache.current().byName().keySet();
        String hint = Suggestions.closest(name, known).map(s -> "did you mean \"" + s + "\"?")
                .orElse(known.isEmpty() ? "there are no policies" : "the policies are " + String.join(", ", known));
        return new ProblemException(ProblemType.NOT_FOUND, "no policy named \"" + name + "\"; " + hint);
    }

    @Override
    public Set<String> grantsFor(String user, Set<String> groups) {
        return cache.current().grantsFor(user, groups);
    }

    /**
     * Whether {@code user} in {@code groups} may do {@code permission} ({@code VERB:TYPE}) on {@code resource} (null
     * for none), and which policy and grant decide it, or why nothing does.
     *
     * @throws ProblemException BAD_REQUEST if {@code permission} is not {@code VERB:TYPE}
     */
    public Explanation explain(String user, Set<String> groups, String permission, String resource) {
        return Explainer.explain(cache.current().byName().values(), user, groups, permission, resource);
    }

    /**
     * On a store with no policy at all, creates {@link #BOOTSTRAP}; otherwise does nothing, so an operator's policies
     * are never overridden. Two hubs starting together create it at most once.
     *
     * @return whether it created the policy
     */
    public boolean ensureBootstrap() {
        if (!store.range(PREFIX).kvs().isEmpty()) {
            return false;
        }
        String key = key(BOOTSTRAP.name());
        boolean created = store.txn(List.of(Compare.absent(key)), List.of(Op.put(key, Json.bytes(BOOTSTRAP)))).succeeded();
        cache.refresh();
        return created;
    }

    @Override
    public void close() {
        cache.close();
    }

    private static String key(String name) {
        return PREFIX + name;
    }
}
