package cn.compoundgis.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.compoundgis.config.AppConfig;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OIDC_* settings as the server reads them from its environment. */
class OidcSettingsTest {
    private static final String ISSUER = "https://sso.example.cn/realms/city";

    @Test
    void singleSignOnIsOffWithoutAnIssuer() {
        assertThat(OidcSettings.fromEnvironment(Map.of())).isEmpty();
        assertThat(AppConfig.fromEnvironment(Map.of()).accounts().oidc()).isEmpty();
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_AUDIENCE", "compound-gis")))
                .hasMessageContaining("OIDC_AUDIENCE").hasMessageContaining("OIDC_ISSUER");
    }

    @Test
    void anIssuerNeedsAnAudienceAndGetsTheDefaults() {
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER)))
                .hasMessageContaining("OIDC_AUDIENCE must be set");
        OidcSettings settings = AppConfig.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER, "OIDC_AUDIENCE", "compound-gis"))
                .accounts().oidc().orElseThrow();
        assertThat(settings.issuer()).isEqualTo(ISSUER);
        assertThat(settings.audience()).isEqualTo("compound-gis");
        assertThat(settings.jwksUrl()).isEmpty();
        assertThat(settings.discoveryUrl()).isEqualTo(URI.create(ISSUER + "/.well-known/openid-configuration"));
        assertThat(settings.usernameClaim()).isEqualTo("preferred_username");
        assertThat(settings.rolesClaim()).isEqualTo("roles");
        assertThat(settings.defaultRole()).isEqualTo(Role.VIEWER);
        assertThat(settings.jwksMinRefreshMillis()).isEqualTo(30_000);
    }

    @Test
    void everySettingCanBeGiven() {
        OidcSettings settings = OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER + "/", "OIDC_AUDIENCE", "gis",
                "OIDC_JWKS_URL", "https://sso.example.cn/keys", "OIDC_USERNAME_CLAIM", "email", "OIDC_ROLES_CLAIM",
                "groups", "OIDC_DEFAULT_ROLE", "Surveyor", "OIDC_JWKS_MIN_REFRESH_SECONDS", "5")).orElseThrow();
        assertThat(settings.discoveryUrl()).isEqualTo(URI.create(ISSUER + "/.well-known/openid-configuration"));
        assertThat(settings.jwksUrl()).contains(URI.create("https://sso.example.cn/keys"));
        assertThat(settings.usernameClaim()).isEqualTo("email");
        assertThat(settings.rolesClaim()).isEqualTo("groups");
        assertThat(settings.defaultRole()).isEqualTo(Role.SURVEYOR);
        assertThat(settings.jwksMinRefreshMillis()).isEqualTo(5_000);
    }

    @Test
    void keysTravelOnlyOverHttpsOrToThisMachine() {
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", "http://sso.example.cn/realms/city",
                "OIDC_AUDIENCE", "gis"))).hasMessageContaining("OIDC_ISSUER must be an https URL");
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER, "OIDC_AUDIENCE", "gis",
                "OIDC_JWKS_URL", "http://sso.example.cn/keys"))).hasMessageContaining("OIDC_JWKS_URL");
        assertThat(OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", "http://localhost:8080/realms/city",
                "OIDC_AUDIENCE", "gis"))).isPresent();
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER, "OIDC_AUDIENCE", "gis",
                "OIDC_DEFAULT_ROLE", "boss"))).hasMessageContaining("OIDC_DEFAULT_ROLE 'boss' is not a role");
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", ISSUER, "OIDC_AUDIENCE", "gis",
                "OIDC_JWKS_MIN_REFRESH_SECONDS", "-1"))).hasMessageContaining("OIDC_JWKS_MIN_REFRESH_SECONDS");
        assertThatThrownBy(() -> OidcSettings.fromEnvironment(Map.of("OIDC_ISSUER", "not a url", "OIDC_AUDIENCE", "gis")))
                .hasMessageContaining("OIDC_ISSUER");
    }
}
