import InfraModel
import Testing

@testable import Planner

/// Field cases about the dependency graph: B09 a shared service and
/// `--remove-orphans`, B12 cycles, B13 optional and profile-gated dependencies.
@Suite struct FieldCaseGraphTests {
    /// `S0` split into two files of one implicit project: ERPNext reaches the
    /// shared Redis only through an environment value.
    static func split() -> StackModel {
        var model = StackModel(project: "stack")
        model.services.insert(
            Service(
                name: "redis_cache", image: ImageReference(parsing: "redis:7.2-alpine"),
                source: "compose.yml:2"))
        for name in FieldStack.authentik {
            model.services.insert(
                Service(
                    name: name,
                    image: ImageReference(parsing: "ghcr.io/goauthentik/server:2025.8.4")))
            model.dependencies.insert(
                Dependency(
                    from: name, to: "redis_cache", kind: .dependsOn, condition: "service_started"))
        }
        model.services.insert(
            Service(
                name: "erpnext_backend", image: ImageReference(parsing: "frappe/erpnext:v15.38.0")))
        model.environment.insert(
            EnvironmentEntry(
                service: "erpnext_backend", name: "REDIS_CACHE", value: .literal("redis_cache:6379")
            ))
        model.dependencies.insert(
            Dependency(
                from: "erpnext_backend", to: "redis_cache", kind: .environment,
                detail: "REDIS_CACHE", source: "erpnext.yml:3"))
        return model
    }

    @Test func b09TheUpgradeKeepsTheSharedServiceAndNeverRemovesOrphans() throws {
        let migration = try FieldStack.migration(
            """
            format: 1
            version: "2025.10.1"
            base: "2025.8.4"
            changes:
              - set_image: {services: [authentik_server, authentik_worker], tag: "2025.10.1"}
              - remove_dependency: {services: [authentik_server, authentik_worker], on: redis_cache}
            """)
        let target = try migration.apply(to: Self.split())
        let plan = try FieldStack.plan(Self.split(), target, migration: migration)
        #expect(target.services.contains("redis_cache"))
        #expect(
            try plan.step("check:keep:redis_cache").title
                == "keep redis_cache: erpnext_backend still uses it")
        #expect(!plan.allCommands.contains { $0.contains("--remove-orphans") })
        let impact = try ImpactAnalyzer.impact(
            of: "redis_cache", in: Self.split(), version: "2025.8.4")
        #expect(
            impact.directServices == ["authentik_server", "authentik_worker", "erpnext_backend"])
    }

    @Test func b09AVendorFileThatDropsTheSharedServiceIsRefusedNamingBoth() throws {
        var target = Self.split()
        target.services.remove("redis_cache")
        target.dependencies.removeAll { $0.from.hasPrefix("authentik") }
        for name in FieldStack.authentik { target.services[name]?.image?.tag = "2025.10.1" }
        let plan = try FieldStack.plan(Self.split(), target)
        #expect(plan.isBlocked)
        let blocker = try #require(plan.blockers.first { $0.hasPrefix("dangling references") })
        #expect(
            blocker.contains(
                "redis_cache is removed, but "
                    + "erpnext_backend (environment REDIS_CACHE, erpnext.yml:3) still uses it"
            ))
        #expect(!plan.allCommands.contains { $0.contains("--remove-orphans") })
    }

    static func cyclic() -> StackModel {
        var model = StackModel(project: "sentry")
        for name in ["letsencrypt", "nginx", "sentry_web", "sentry_cron"] {
            model.services.insert(
                Service(name: name, image: ImageReference(parsing: "example/\(name):1")))
        }
        for (from, to) in [
            ("letsencrypt", "nginx"), ("nginx", "sentry_web"), ("sentry_web", "letsencrypt"),
            ("sentry_cron", "sentry_web"),
        ] {
            model.dependencies.insert(Dependency(from: from, to: to, kind: .dependsOn))
        }
        return model
    }

    @Test func b12ACycleIsAnErrorNamingItInOrderWithoutItsDependents() throws {
        var before = Self.cyclic()
        before.dependencies.remove(
            Dependency.Key(from: "sentry_web", to: "letsencrypt", kind: .dependsOn))
        #expect {
            try FieldStack.plan(before, Self.cyclic())
        } throws: { error in
            "\(error)" == "dependency cycle: letsencrypt -> nginx -> sentry_web -> letsencrypt"
        }
    }

    @Test func b12ASelfEdgeIsACycleOfOne() throws {
        var target = Self.cyclic()
        target.dependencies.removeAll { _ in true }
        target.dependencies.insert(Dependency(from: "nginx", to: "nginx", kind: .dependsOn))
        #expect(throws: PlanError.self) { try FieldStack.plan(Self.split(), target) }
        do {
            _ = try FieldStack.plan(Self.split(), target)
        } catch let error as PlanError {
            #expect(error.description == "dependency cycle: nginx -> nginx")
        }
    }

    @Test func b12ImpactOnACyclicModelTerminatesAndListsEachDependentOnce() throws {
        let impact = try ImpactAnalyzer.impact(of: "nginx", in: Self.cyclic(), version: "v")
        #expect(impact.directServices == ["letsencrypt"])
        #expect(impact.transitive.map(\.service) == ["sentry_cron", "sentry_web"])
    }

    @Test func b12AVeryLongCycleIsFoundWithoutDeepRecursion() throws {
        var model = StackModel(project: "ring")
        let count = 10_000
        for index in 0..<count {
            model.services.insert(Service(name: "s\(index)"))
            model.dependencies.insert(
                Dependency(from: "s\(index)", to: "s\((index + 1) % count)", kind: .links))
        }
        do {
            _ = try FieldStack.plan(StackModel(project: "ring"), model)
            Issue.record("a cycle of \(count) services was accepted")
        } catch PlanError.cycle(let path) {
            #expect(path.count == count + 1 && path.first == path.last)
        }
    }

    static func profiles(required: Bool) -> StackModel {
        var model = StackModel(project: "profiles")
        model.services.insert(
            Service(
                name: "first", image: ImageReference(parsing: "busybox:1.36"), profiles: ["debug"],
                isActive: false))
        model.services.insert(
            Service(name: "second", image: ImageReference(parsing: "busybox:1.36")))
        model.dependencies.insert(
            Dependency(
                from: "second", to: "first", kind: .dependsOn,
                condition: "service_completed_successfully",
                isRequired: required))
        return model
    }

    @Test func b13AnOptionalDependencyOnASwitchedOffServiceIsPlannableAndSoft() throws {
        var before = Self.profiles(required: false)
        before.services["second"]?.image?.tag = "1.35"
        let plan = try FieldStack.plan(before, Self.profiles(required: false))
        #expect(!plan.isBlocked, "\(plan.blockers)")
        #expect(plan.steps.contains { $0.id == "restart:second" })
        #expect(!plan.steps.contains { $0.entity == "first" })
        let impact = try ImpactAnalyzer.impact(
            of: "first", in: Self.profiles(required: false), version: "v")
        #expect(impact.direct.map(\.isSoft) == [true])
        #expect(
            ImpactRenderer().render(impact).contains("second  depends_on (soft: required: false)"))
    }

    @Test func b13ARequiredDependencyOnASwitchedOffServiceBlocks() throws {
        var before = Self.profiles(required: true)
        before.services["second"]?.image?.tag = "1.35"
        let plan = try FieldStack.plan(before, Self.profiles(required: true))
        #expect(
            plan.blockers.contains {
                $0.contains("second depends on inactive service first (profiles: debug)")
            })
    }
}
