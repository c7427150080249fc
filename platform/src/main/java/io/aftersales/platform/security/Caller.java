package io.aftersales.platform.security;

import java.util.Set;

/**
 * Who is calling, from the bearer token as {@link ClaimMapping} reads it: the subject (the actor every
 * command records), the roles, and the stores the user works for. {@code ADMIN} and {@code QA} work
 * for every store, as does a token whose stores claim holds {@code *}.
 */
public record Caller(String subject, Set<String> roles, Set<String> stores) {

    static final String ALL_STORES = "*";

    public Caller {
        roles = Set.copyOf(roles);
        stores = Set.copyOf(stores);
    }

    public boolean seesEveryStore() {
        return roles.contains(Roles.ADMIN) || roles.contains(Roles.QA) || stores.contains(ALL_STORES);
    }

    /** Whether cases of {@code storeId} exist for this caller; those of other stores must look like unknown ids. */
    public boolean worksFor(String storeId) {
        return seesEveryStore() || stores.contains(storeId);
    }
}
