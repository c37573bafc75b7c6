package dev.publicsafety.dal.fleet.organization;

import dev.publicsafety.dal.error.InvalidInputException;
import java.util.Collection;
import java.util.List;

/** Application role names of users ({@code dispatcher}, {@code supervisor}, …). */
final class Roles {

    private Roles() {
    }

    static List<String> check(Collection<String> roles) {
        if (roles == null) {
            return List.of();
        }
        for (String role : roles) {
            check(role);
        }
        return roles.stream().distinct().sorted().toList();
    }

    static String check(String role) {
        if (role == null || !role.matches("[a-z][a-z0-9_-]{0,62}")) {
            throw new InvalidInputException("roles", "role '" + role + "' must be a lowercase name such as dispatcher or shift_lead");
        }
        return role;
    }
}
