import InfraModel

/// The changes that turn a generated model into its target.
extension ModelPairGenerator {
    mutating func mutate(_ model: inout StackModel) {
        reshuffleRanks()
        removeServices(&model)
        addServices(&model)
        changeImages(&model)
        changeEnvironment(&model)
        changeDependencies(&model)
        changeSecrets(&model)
        changeRoutesAndConnections(&model)
        changeDeclarations(&model)
        changeRecords(&model)
        dropEdgesAgainstRank(&model)
    }

    /// A few swaps, so that a start-up edge of the target may point the other way.
    private mutating func reshuffleRanks() {
        let names = rank.keys.sorted()
        guard names.count >= 2 else { return }
        for _ in 0..<random.int(0...2) {
            let a = random.pick(names)
            let b = random.pick(names)
            (rank[a], rank[b]) = (rank[b], rank[a])
        }
    }

    private mutating func removeServices(_ model: inout StackModel) {
        for name in model.serviceNames where random.chance(0.1) {
            model.services.remove(name)
            model.environment.removeAll { $0.service == name }
            model.secretGrants.removeAll { $0.service == name }
            model.dependencies.removeAll {
                $0.from == name || ($0.to == name && random.chance(0.9))
            }
            model.routes.removeAll { $0.definedBy == name }
            model.connections.removeAll { $0.client == name || $0.database == name }
            model.databases.remove(name)
        }
    }

    /// New services rank above every other, so they may need any of them.
    private mutating func addServices(_ model: inout StackModel) {
        for index in 0..<random.int(0...2) {
            let name = "n\(index)"
            let existing = model.serviceNames
            rank[name] = 100 + index
            model.services.insert(
                Service(
                    name: name,
                    image: ImageReference(repository: "new", tag: "1.\(random.int(0...3))"),
                    volumes: random.chance(0.3) ? ["fresh:/data"] : []))
            for other in existing where random.chance(0.3) {
                model.dependencies.insert(makeHardEdge(from: name, to: other))
            }
            if let secret = model.secrets.keys.first, random.chance(0.3) {
                model.secretGrants.insert(SecretGrant(service: name, secret: secret))
            }
        }
        if model.services.contains(where: { $0.volumes.contains("fresh:/data") }) {
            model.volumes.insert(Volume(name: "fresh"))
        }
    }

    /// New tags; for databases sometimes a new major, with or without a new volume.
    private mutating func changeImages(_ model: inout StackModel) {
        for var service in model.services where random.chance(0.3) {
            guard let image = service.image else { continue }
            if let db = model.databases[service.name], !db.isPooler, random.chance(0.5) {
                let major = (image.majorVersion ?? 15) + random.pick([1, 1, 1, 0, -1])
                service.image = ImageReference(
                    repository: image.repository, tag: "\(major).\(random.int(0...9))")
                if random.chance(0.8) {
                    service.volumes = ["data_\(service.name)_\(major):/var/lib/\(db.engine)"]
                    model.volumes.insert(Volume(name: "data_\(service.name)_\(major)"))
                }
            } else {
                service.image = ImageReference(
                    repository: image.repository, tag: "\(random.int(1...4)).\(random.int(0...9))")
            }
            if random.chance(0.1) { service.isActive.toggle() }
            model.services.insert(service)
        }
    }

    private mutating func changeEnvironment(_ model: inout StackModel) {
        for var entry in model.environment where random.chance(0.25) {
            if random.chance(0.5) {
                model.environment.remove(entry.key)
                model.dependencies.removeAll {
                    $0.kind == .environment && $0.from == entry.service && $0.detail == entry.name
                }
            } else if case .literal = entry.value {
                entry.value = .literal("changed\(random.int(0...9))")
                model.environment.insert(entry)
            }
        }
        for service in model.serviceNames where random.chance(0.15) {
            let host = random.pick(model.serviceNames)
            let key = "NEW_HOST_\(host.uppercased())"
            model.environment.insert(
                EnvironmentEntry(service: service, name: key, value: .literal(host)))
            if host != service {
                model.dependencies.insert(
                    Dependency(from: service, to: host, kind: .environment, detail: key))
            }
        }
    }

    private mutating func changeDependencies(_ model: inout StackModel) {
        for var edge in model.dependencies where random.chance(0.2) {
            if random.chance(0.5) {
                model.dependencies.remove(edge.key)
            } else if edge.kind == .dependsOn {
                edge.condition = random.pick(Self.conditions)
                edge.isRequired.toggle()
                model.dependencies.insert(edge)
            }
        }
        let names = model.serviceNames
        for name in names where random.chance(0.2) {
            let other = random.pick(names)
            guard other != name, (rank[name] ?? 0) > (rank[other] ?? 0) else { continue }
            model.dependencies.insert(makeHardEdge(from: name, to: other))
        }
    }

    private mutating func changeSecrets(_ model: inout StackModel) {
        // Mostly tidy (a revoked grant takes its file reference along), sometimes not.
        for grant in model.secretGrants where random.chance(0.2) {
            model.secretGrants.remove(grant.key)
            if random.chance(0.8) {
                model.environment.remove(
                    EnvironmentEntry.Key(
                        service: grant.service, name: "\(grant.secret.uppercased())_FILE"))
            }
        }
        for secret in model.secrets where random.chance(0.1) {
            model.secrets.remove(secret.name)
            if random.chance(0.8) { model.secretGrants.removeAll { $0.secret == secret.name } }
        }
        if random.chance(0.2) {
            model.secrets.insert(Secret(name: "added", origin: .environment("ADDED")))
            if let service = model.serviceNames.first {
                model.secretGrants.insert(SecretGrant(service: service, secret: "added"))
            }
        }
    }

    private mutating func changeRoutesAndConnections(_ model: inout StackModel) {
        for var route in model.routes where random.chance(0.3) {
            if random.chance(0.5) {
                model.routes.remove(route.router)
            } else {
                route.hosts.append("extra.example.com")
                route.rule += " || Host(`extra.example.com`)"
                model.routes.insert(route)
            }
        }
        for var estimate in model.connections where random.chance(0.3) {
            if random.chance(0.3) {
                model.connections.remove(estimate.key)
            } else {
                estimate.expected = max(0, estimate.expected + random.int(-5...40))
                model.connections.insert(estimate)
            }
        }
        for var db in model.databases where random.chance(0.2) {
            db.maxConnections += random.int(-10...100)
            model.databases.insert(db)
        }
    }

    private mutating func changeDeclarations(_ model: inout StackModel) {
        let mounted = Set(model.services.flatMap(\.namedVolumes))
        let joined = Set(model.services.flatMap(\.networks))
        for volume in model.volumes where random.chance(mounted.contains(volume.name) ? 0.05 : 0.5)
        {
            model.volumes.remove(volume.name)
        }
        for network in model.networks
        where random.chance(joined.contains(network.name) ? 0.05 : 0.5) {
            model.networks.remove(network.name)
        }
        if random.chance(0.2) { model.networks.insert(Network(name: "extra")) }
    }

    /// Requirements, notes, and where facts were read (cosmetic changes).
    private mutating func changeRecords(_ model: inout StackModel) {
        if random.chance(0.2) {
            model.notes.insert(
                Note(id: "note1", category: .breaking, impact: "high", text: "b", action: "do it"))
        }
        for requirement in model.requirements where random.chance(0.3) {
            model.requirements.remove(requirement.id)
        }
        for var service in model.services where random.chance(0.1) {
            service.source = "compose.yml:\(random.int(1...99))"
            model.services.insert(service)
        }
    }

    /// The target's start-up edges must follow its rank, or it would have a cycle.
    private mutating func dropEdgesAgainstRank(_ model: inout StackModel) {
        let rank = self.rank
        model.dependencies.removeAll { edge in
            edge.kind.ordersStartup
                && (edge.from == edge.to || (rank[edge.from] ?? 0) <= (rank[edge.to] ?? 0))
        }
    }
}

/// A migration to go with a pair now and then, for its irreversible effects.
extension ModelPairGenerator {
    /// Irreversible effects on a database both versions have, caused by
    /// services that exist in the target: schema migrations (a backup and a
    /// restoring inverse) and session formats (with or without an undo).
    mutating func makeMigration(before: StackModel, after: StackModel) -> Migration? {
        let databases = after.databases.filter {
            !$0.isPooler && before.databases.contains($0.service)
        }
        guard !databases.isEmpty, random.chance(0.4) else { return nil }
        let db = random.pick(databases)
        let services = after.serviceNames.filter { $0 != db.service && random.chance(0.5) }
        guard !services.isEmpty else { return nil }
        var effects = [
            IrreversibleEffect(
                id: "schema", kind: random.pick(["schema_migration", "data_migration"]),
                database: db.service,
                services: services, description: "migrates the schema")
        ]
        if random.chance(0.5) {
            effects.append(
                IrreversibleEffect(
                    id: "sessions", kind: "session_format", database: db.service,
                    services: services,
                    description: "sessions change format",
                    undo: random.chance(0.5) ? "delete sessions" : nil))
        }
        let verification = Verification(
            id: "smoke", service: nil, description: "smoke test", command: "true")
        return Migration(
            path: "generated.yaml", sha256: "", version: "2.0", base: "1.0", title: "generated",
            irreversible: effects,
            verifications: [verification])
    }
}
