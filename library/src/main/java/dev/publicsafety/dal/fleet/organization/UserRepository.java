package dev.publicsafety.dal.fleet.organization;

import static dev.publicsafety.dal.generated.fleet.Tables.USERS;

import dev.publicsafety.dal.fleet.Page;
import dev.publicsafety.dal.fleet.PageRequest;
import dev.publicsafety.dal.fleet.internal.Keyset;
import dev.publicsafety.dal.fleet.internal.TenantContext;
import dev.publicsafety.dal.fleet.internal.TenantRepository;
import dev.publicsafety.dal.generated.fleet.tables.records.UsersRecord;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.jooq.SortOrder;

/** Users of the organization: by id, by OIDC subject (at login), by role. */
public final class UserRepository extends TenantRepository<UsersRecord> {

    public UserRepository(TenantContext context) {
        super(context, USERS, USERS.ID, USERS.ORG_ID, USERS.DELETED_AT, null);
    }

    public User create(NewUser user) {
        return createRow(null, user);
    }

    /**
     * {@link #create(NewUser)} under {@code id} instead of a generated id: for records brought over from
     * another system with their ids kept ({@code dal import fleet}). An id a row of this organization
     * already has, soft-deleted or not, is a {@code ConflictException} (ids are unique per organization).
     */
    public User createWithId(UUID id, NewUser user) {
        return createRow(requireId(id), user);
    }

    private User createRow(UUID id, NewUser user) {
        UsersRecord values = blank();
        values.setOidcSubject(user.oidcSubject());
        values.setEmail(user.email());
        values.setDisplayName(user.displayName());
        values.setRoles(user.roles().toArray(String[]::new));
        return User.of(insert(id, values));
    }

    public Optional<User> findById(UUID id) {
        return fetchLive(id).map(User::of);
    }

    public User get(UUID id) {
        return User.of(requireLive(id));
    }

    /** The user an OIDC login ({@code sub} claim) belongs to in this organization. */
    public Optional<User> findByOidcSubject(String subject) {
        return dsl().selectFrom(USERS).where(live()).and(USERS.OIDC_SUBJECT.eq(subject)).fetchOptional().map(User::of);
    }

    /** Active users holding {@code role}, by display name; served by the GIN index on {@code roles}. */
    public Page<User> withRole(String role, PageRequest page) {
        Roles.check(role);
        return Keyset.page(dsl().selectFrom(USERS).where(live()).and(USERS.IS_ACTIVE)
                        .and(USERS.ROLES.contains(new String[] {role})),
                page, "users.with_role:" + role, User::of, SortOrder.ASC, USERS.DISPLAY_NAME, USERS.ID);
    }

    public User setRoles(UUID id, Collection<String> roles) {
        String[] checked = Roles.check(roles).toArray(String[]::new);
        return User.of(updateLocked(id, "set_roles", r -> r.setRoles(checked)));
    }

    public User recordLogin(UUID id) {
        return User.of(updateLocked(id, "login", r -> r.setLastLoginAt(context.now())));
    }

    public User deactivate(UUID id) {
        return User.of(updateLocked(id, "deactivate", r -> r.setIsActive(false)));
    }

    public User activate(UUID id) {
        return User.of(updateLocked(id, "activate", r -> r.setIsActive(true)));
    }
}
