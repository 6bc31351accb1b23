import Foundation
import Testing

/// The throwaway server the backup tests rely on really starts and answers.
@Suite struct TestPostgresTests {
    @Test func startsAnswersAndStops() throws {
        let server = try TestPostgres.start()
        defer { server.stop() }
        #expect(try server.psql("SELECT 40 + 2") == "42")
        #expect(try server.psql("SHOW listen_addresses") == "127.0.0.1")
    }
}
