import Foundation
import Testing

@testable import InfraModel

/// Holds infraplan's import of every corpus case against Compose v1's `config` output.
///
/// Compose v1 is a second opinion, not the reference (the corpus follows
/// Docker Compose v2): where the readers disagree, either infraplan is wrong or
/// the case uses something v1 does not know, and then `ComposeV1Limitation`
/// must say so. Facts compared: service names (v1 prints every service,
/// whatever the profiles, so inactive ones count too), profiles, images,
/// `depends_on` targets and the interpolated environment (redacted values by
/// key only). Cases run concurrently: v1 needs about half a second to start.
@Suite struct ComposeSecondReaderTests {
    @Test(arguments: CorpusCase.all)
    func infraplanReadsWhatComposeV1Reads(_ corpusCase: CorpusCase) async throws {
        guard let executable = ComposeV1.executable() else { return }
        let workspace = try CorpusWorkspace(withOverlay: !corpusCase.id.hasSuffix("-nooverlay"))
        defer { workspace.remove() }

        // The same case, read by both.
        let request = ComposeImportRequest(
            files: corpusCase.files.map(workspace.path), environment: corpusCase.environment,
            envFiles: corpusCase.envFiles.map(workspace.path), profiles: corpusCase.profiles)
        let infraplan = try? ComposeImporter.load(request)
        let v1 = try await ComposeV1.config(corpusCase, in: workspace, executable: executable)

        let verdict = ComposeV1Verdict(
            infraplan: infraplan, v1: v1,
            limitations: ComposeV1Limitation.all.filter { $0.covers(corpusCase.id) })
        #expect(
            verdict.unexplained.isEmpty,
            "\(corpusCase.id): \(verdict.unexplained.joined(separator: "; "))")
        let stale = verdict.stale.joined(separator: "; ")
        #expect(
            verdict.stale.isEmpty,
            "\(corpusCase.id): documented v1 limitation no longer applies: \(stale)")
    }

    @Test func everyLimitationNamesCorpusCases() {
        let ids = CorpusCase.all.map(\.id)
        for limitation in ComposeV1Limitation.all {
            let unknown = limitation.cases.filter { pattern in
                !ids.contains { ComposeV1Limitation.matches(pattern, $0) }
            }
            #expect(unknown.isEmpty, "\(limitation.reason): no corpus case is \(unknown)")
        }
    }

    /// v1's normal form (mapping `depends_on`, null pass-through, `$$`) reads as the model does.
    @Test func readsV1OutputAsTheModelReadsTheSameFile() throws {
        let imported = try Compose.load(
            """
            services:
              app:
                image: registry.example.com/app:2.1
                depends_on: [db]
                environment: ["PRICE=$$5", "DB_PASSWORD=hunter2", HOME_DIR]
              db: {image: "postgres:16", profiles: [data]}
            """, profiles: ["data"])
        let printed = try #require(
            try YAMLParser(
                text: """
                    services:
                      app:
                        depends_on:
                          db:
                            condition: service_started
                        environment:
                          DB_PASSWORD: hunter2
                          HOME_DIR: null
                          PRICE: $$5
                        image: registry.example.com/app:2.1
                      db:
                        image: postgres:16
                        profiles:
                        - data
                    version: '3.9'
                    """, file: "v1"
            ).parse())
        let model = ComposeReading(model: imported.model)
        #expect(model.differences(from: ComposeReading(v1: printed)) == [])
        #expect(model.services["app"]?.environment["DB_PASSWORD"] == .redacted)
        #expect(model.services["app"]?.environment["PRICE"] == .literal("$5"))
    }
}
