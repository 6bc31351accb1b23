import Testing
@testable import InfraModel

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

/// Credentials inside values the model keeps: URLs, connection strings, command lines, labels.
@Suite struct CredentialTests {
    @Test(arguments: [
        ("jdbc:postgresql://db:5432/x?user=u&password=canary1", "jdbc:postgresql://db:5432/x?user=u&password=<redacted>"),
        ("postgres://u:canary@A7@db/x", "postgres://u:<redacted>@db/x"),
        ("Server=db;User Id=sa;Password=canary3;", "Server=db;User Id=sa;Password=<redacted>;"),
        ("Bearer canary4", "Bearer <redacted>"),
        ("https://0123456789abcdef0123456789abcdef@sentry.example.net/1", "https://<redacted>@sentry.example.net/1"),
        ("redis://:canary6@redis_cache:6379/0", "redis://:<redacted>@redis_cache:6379/0"),
    ])
    func credentialsInsideValuesAreCutOut(value: String, kept: String) {
        #expect(EnvironmentValue.classify(key: "SETTING", value: value) == .literal(kept))
    }

    @Test(arguments: [
        "MYSQL_PWD", "LDAP_BIND_PW", "JWT", "SESSION_SALT", "KEY_PASSPHRASE", "PAPERLESS_DBPASS",
        "MYSQLPASS", "ADMINPWD",
    ])
    func moreCredentialNamesAreRedacted(key: String) {
        #expect(EnvironmentValue.classify(key: key, value: "canary-value") == .redacted)
    }

    @Test func ordinaryValuesAreKept() {
        for value in ["redis://redis_cache:6379/0", "a=b;c=d", "max_connections=200", "https://sso.example.net/?next=/"] {
            #expect(Credentials.strip(value) == nil, "\(value)")
        }
    }

    @Test func commandLinesLoseTheirCredentials() {
        #expect(
            Credentials.redact(command: ["redis-server", "--requirepass", "pw1", "--masterauth=pw2", "--port", "6379"])
                == ["redis-server", "--requirepass", "<redacted>", "--masterauth=<redacted>", "--port", "6379"])
        #expect(
            Credentials.redact(command: ["CMD-SHELL", "curl -u admin:pw3 http://localhost/ && redis-cli -a pw4 ping"])
                == ["CMD-SHELL", "curl -u <redacted> http://localhost/ && redis-cli -a <redacted> ping"])
        #expect(Credentials.redact(command: ["mysqladmin", "-ppw5", "-h", "db", "ping"])
            == ["mysqladmin", "-p<redacted>", "-h", "db", "ping"])
        #expect(Credentials.redact(command: ["CMD", "mysqladmin", "ping", "-ppw6"])
            == ["CMD", "mysqladmin", "ping", "-p<redacted>"])
        #expect(Credentials.redact(command: ["CMD", "redis-cli", "-a", "pw7", "ping"])
            == ["CMD", "redis-cli", "-a", "<redacted>", "ping"])
        #expect(Credentials.redact(command: ["CMD", "curl", "--user", "admin:pw8", "http://localhost/"])
            == ["CMD", "curl", "--user", "<redacted>", "http://localhost/"])
        #expect(Credentials.redact(command: ["curl", "-H", "Authorization: Bearer tok9", "http://a/"])
            == ["curl", "-H", "Authorization: Bearer <redacted>", "http://a/"])
        #expect(
            Credentials.redact(command: ["CMD-SHELL", "curl -H 'Authorization: Bearer tok10' http://a/"])
                == ["CMD-SHELL", "curl -H 'Authorization: Bearer <redacted>' http://a/"])
        #expect(Credentials.redact(command: ["postgres", "-c", "max_connections=200"])
            == ["postgres", "-c", "max_connections=200"])
    }

    @Test func labelsLoseTheirCredentials() {
        #expect(Credentials.redact(label: "traefik.http.middlewares.a.basicauth.users", value: "admin:$apr1$x")
            == "<redacted>")
        #expect(Credentials.redact(label: "com.example.api-token", value: "t0k") == "<redacted>")
        #expect(Credentials.redact(label: "traefik.http.routers.a.rule", value: "Host(`a.example.net`)")
            == "Host(`a.example.net`)")
    }
}
