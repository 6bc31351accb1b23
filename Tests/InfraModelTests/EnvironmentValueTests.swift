import Testing
import InfraModel

/// Which environment values the model keeps, and which it redacts.
@Suite struct EnvironmentValueTests {
    @Test(arguments: [
        "POSTGRES_PASSWORD", "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET", "API_TOKEN",
        "AUTHENTIK_SECRET_KEY",
        "REDIS_AUTH", "SMTP_PASS", "DB_CREDENTIALS_JSON", "MYAPIKEY",
    ])
    func credentialsAreRedacted(key: String) {
        #expect(EnvironmentValue.classify(key: key, value: "canary-value") == .redacted)
    }

    @Test(arguments: [
        "GF_AUTH_GENERIC_OAUTH_AUTH_URL", "GF_AUTH_GENERIC_OAUTH_ENABLED", "GF_SERVER_ROOT_URL",
        "AUTHENTIK_REDIS__HOST", "SITE_NAME",
    ])
    func settingsAreKept(key: String) {
        #expect(
            EnvironmentValue.classify(key: key, value: "https://sso.example.net/")
                == .literal("https://sso.example.net/"))
    }

    @Test func passwordsInsideURLsAreCutOut() {
        let value = EnvironmentValue.classify(
            key: "CACHE_URL", value: "redis://user:canary@redis_cache:6379/0")
        #expect(value == .literal("redis://user:<redacted>@redis_cache:6379/0"))
    }
}
