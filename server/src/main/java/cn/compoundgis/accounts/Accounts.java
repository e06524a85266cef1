package cn.compoundgis.accounts;

import cn.compoundgis.accounts.AccountStore.UserChange;
import cn.compoundgis.audit.Actor;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The accounts capability as the route table uses it: the guard that puts each route's rule in front of its
 * handler, and the API. On first start it makes the administrator {@value #FIRST_ADMIN}: with ADMIN_PASSWORD, or
 * with a generated password printed once on standard output.
 */
public record Accounts(AccessGuard guard, AccountsApi api) {
    static final String FIRST_ADMIN = "admin";
    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    private static final int GENERATED_PASSWORD_CHARS = 20;


    public static Accounts start(DataSource dataSource, AccountSettings settings) throws SQLException {
        AccountStore store = new AccountStore(dataSource);
        ensureAdministrator(store, settings);
        LoginThrottle throttle = new LoginThrottle(dataSource, settings.loginFailuresAllowed(), settings.loginWindowSeconds(),
                Clock.systemUTC());
        Optional<OidcValidator> oidc = settings.oidc().map(o -> new OidcValidator(o, Clock.systemUTC()));
        oidc.ifPresent(o -> LOG.info("single sign-on: accepting bearer tokens of " + settings.oidc().get().issuer()));
        return new Accounts(new AccessGuard(new Authenticator(store, oidc), settings.anonymousRead()),
                new AccountsApi(store, settings, throttle));
    }

    private static void ensureAdministrator(AccountStore store, AccountSettings settings) throws SQLException {
        Actor system = Actor.system("first-start");
        if (!store.anyActiveAdmin()) {
            Optional<String> given = settings.adminPassword();
            String password = given.orElseGet(() -> Secrets.random().substring(0, GENERATED_PASSWORD_CHARS));
            if (store.byUsername(FIRST_ADMIN).isPresent()) {
                store.changeUser(FIRST_ADMIN, new UserChange(null, password, EnumSet.of(Role.ADMIN), null, null, true),
                        system);
            } else {
                store.createUser(FIRST_ADMIN, new UserChange("管理员 Administrator", password, EnumSet.of(Role.ADMIN),
                        List.of(), List.of(User.ALL_DISTRICTS), null), system);
            }
            if (given.isEmpty()) {
                // Printed, not logged: this is the only time anyone sees it.
                System.out.println("Compound GIS: made the administrator '" + FIRST_ADMIN + "' with the password "
                        + password + " (shown only now; sign in and change it, or set ADMIN_PASSWORD)");
            } else {
                LOG.info("made the administrator '" + FIRST_ADMIN + "' with the password from ADMIN_PASSWORD");
            }
        }
        if (settings.adminToken().isPresent()) {
            User admin = store.byUsername(FIRST_ADMIN).orElseThrow().user();
            if (store.createToken(admin, "ADMIN_TOKEN", settings.adminToken().get(), null, system) != null) {
                LOG.info("ADMIN_TOKEN is now a bearer token of '" + FIRST_ADMIN + "'");
            }
        }
    }
}
