package io.aftersales.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimMappingTest {

    private static Jwt token(Consumer<Map<String, Object>> claims) {
        return Jwt.withTokenValue("t").header("alg", "RS256").subject("8f14e45f-user").claims(claims).build();
    }

    private static ClaimMapping mapping(String rolesClaim, String rolesPrefix, String storesClaim, String storesPrefix,
                                        String actorClaim) {
        return new ClaimMapping(new TokenProperties(List.of("JWT"), true, rolesClaim, rolesPrefix, storesClaim,
                storesPrefix, actorClaim));
    }

    @Test
    void by_default_the_roles_and_stores_claims_and_the_subject_make_the_caller() {
        Jwt jwt = token(c -> {
            c.put("roles", List.of("AGENT"));
            c.put("stores", List.of("tmall-flagship"));
        });

        Caller caller = new ClaimMapping(TokenProperties.defaults()).caller(jwt);

        assertThat(caller).isEqualTo(new Caller("8f14e45f-user", java.util.Set.of("AGENT"), java.util.Set.of("tmall-flagship")));
    }

    @Test
    void keycloak_realm_roles_are_read_from_the_nested_realm_access_claim() {
        Jwt jwt = token(c -> c.put("realm_access", Map.of("roles", List.of("AGENT", "offline_access"))));

        assertThat(mapping("realm_access.roles", "", "stores", "", "sub").roles(jwt))
                .containsExactly("AGENT", "offline_access");
    }

    @Test
    void a_namespaced_claim_with_dots_in_its_name_is_read_as_one_claim() {
        Jwt jwt = token(c -> {
            c.put("https://aftersales.example.com/roles", List.of("SUPERVISOR"));
            c.put("https://aftersales.example.com/stores", List.of("jd-outlet"));
        });

        ClaimMapping mapping = mapping("https://aftersales.example.com/roles", "", "https://aftersales.example.com/stores", "", "sub");

        assertThat(mapping.roles(jwt)).containsExactly("SUPERVISOR");
        assertThat(mapping.stores(jwt)).containsExactly("jd-outlet");
    }

    @Test
    void roles_in_a_space_separated_scope_are_those_with_the_prefix_which_is_stripped() {
        Jwt jwt = token(c -> {
            c.put("scope", "openid profile aftersales:AGENT aftersales:WAREHOUSE");
            c.put("stores", "store:tmall-flagship store:jd-outlet");
        });

        ClaimMapping mapping = mapping("scope", "aftersales:", "stores", "store:", "sub");

        assertThat(mapping.roles(jwt)).containsExactly("AGENT", "WAREHOUSE");
        assertThat(mapping.stores(jwt)).containsExactly("tmall-flagship", "jd-outlet");
    }

    @Test
    void a_role_prefix_such_as_role_underscore_is_stripped_and_the_authorities_are_spring_roles() {
        Jwt jwt = token(c -> c.put("groups", List.of("ROLE_QA", "ROLE_ADMIN", "everyone")));

        ClaimMapping mapping = mapping("groups", "ROLE_", "stores", "", "sub");

        assertThat(mapping.roles(jwt)).containsExactly("QA", "ADMIN");
        assertThat(mapping.authenticationConverter().convert(jwt).block().getAuthorities())
                .extracting(GrantedAuthority::getAuthority).containsExactlyInAnyOrder("ROLE_QA", "ROLE_ADMIN");
    }

    @Test
    void the_actor_is_the_configured_claim_and_names_the_authentication() {
        Jwt jwt = token(c -> c.put("preferred_username", "alice"));

        ClaimMapping mapping = mapping("roles", "", "stores", "", "preferred_username");

        assertThat(mapping.caller(jwt).subject()).isEqualTo("alice");
        assertThat(mapping.authenticationConverter().convert(jwt).block().getName()).isEqualTo("alice");
    }

    @Test
    void absent_or_ill_shaped_claims_give_no_roles_stores_or_actor() {
        Jwt jwt = token(c -> {
            c.put("roles", Map.of("not", "a list"));
            c.put("realm_access", "not an object");
            c.put("stores", List.of(42, " ", "tmall-flagship"));
        });

        assertThat(mapping("roles", "", "stores", "", "email").actor(jwt)).isNull();
        assertThat(mapping("roles", "", "stores", "", "sub").roles(jwt)).isEmpty();
        assertThat(mapping("realm_access.roles", "", "stores", "", "sub").roles(jwt)).isEmpty();
        assertThat(mapping("missing.path", "", "stores", "", "sub").roles(jwt)).isEmpty();
        assertThat(mapping("roles", "", "stores", "", "sub").stores(jwt)).containsExactly("tmall-flagship");
    }
}
