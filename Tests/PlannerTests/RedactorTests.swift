import Testing

@testable import Planner

/// The credentials the run log hides that only the operator's files hold.
@Suite struct RedactorTests {
    @Test func credentialsWrittenInComposeAndEnvFilesAreFound() {
        let text = """
            services:
              grafana:
                environment:
                  GF_SECURITY_ADMIN_PASSWORD: "quoted-pw-1"
                  GF_SERVER_ROOT_URL: https://grafana.example.net
                  - API_TOKEN=list-token-2
                  CACHE_URL: redis://:url-pw-3@redis_cache:6379/0
                  DB: postgres://app:url-pw-4@db/app
            # SECRET_KEY=commented-out
            export SMTP_PASSWORD='single-quoted-5' # trailing
            SESSION_SECRET=bare-6 # comment
            """
        let found = Set(Redactor.credentials(inFileText: text))
        for value in ["quoted-pw-1", "list-token-2", "url-pw-3", "url-pw-4", "single-quoted-5", "bare-6"] {
            #expect(found.contains(value), "\(value) not found in \(found.sorted())")
        }
        #expect(!found.contains("https://grafana.example.net"))
        #expect(!found.contains("commented-out"))
    }

    @Test func foundCredentialsAreHiddenInOutput() {
        let redactor = Redactor(
            values: Redactor.credentials(inFileText: "  POSTGRES_PASSWORD: hunter22\n"))
        #expect(redactor.redact("FATAL: password hunter22 rejected") == "FATAL: password <redacted> rejected")
    }
}
