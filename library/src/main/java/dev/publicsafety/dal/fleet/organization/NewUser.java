package dev.publicsafety.dal.fleet.organization;

import dev.publicsafety.dal.error.InvalidInputException;
import dev.publicsafety.dal.fleet.internal.Validate;
import java.util.List;

/** What it takes to create a user. Roles are lowercase names such as {@code dispatcher}. */
public record NewUser(String oidcSubject, String email, String displayName, List<String> roles) {

    public NewUser {
        Validate.text("user OIDC subject", oidcSubject, 255);
        Validate.text("user email", email, 320);
        if (!email.matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidInputException("email", "user email '" + email + "' is not an email address");
        }
        Validate.text("user display name", displayName, 200);
        roles = Roles.check(roles);
    }

    public static NewUser of(String oidcSubject, String email, String displayName, String... roles) {
        return new NewUser(oidcSubject, email, displayName, List.of(roles));
    }
}
