/// A Compose service: what runs, how it restarts, and how it is checked.
///
/// Its environment, secrets, dependencies and routes are separate entities
/// keyed by the service name, so that each can change on its own in a plan.
public struct Service: ModelEntity {
    public static let kind = EntityKind.service

    public var name: String
    /// The image; nil for a build-only service.
    public var image: ImageReference?
    /// True when the service has a `build` section.
    public var hasBuild: Bool
    public var command: [String]?
    public var entrypoint: [String]?
    public var restart: String?
    public var healthcheck: Healthcheck?
    public var profiles: [String]
    /// False when none of the service's profiles is active; such services stay in the model.
    public var isActive: Bool
    public var labels: [String: String]
    public var ports: [String]
    public var volumes: [String]
    public var networks: [String]
    public var configs: [String]
    public var containerName: String?
    public var replicas: Int?
    /// `shm_size` as written (`256mb`); nil when not set. PostgreSQL needs
    /// shared memory that grows with `max_connections`.
    public var shmSize: String?
    public var source: String?

    public init(
        name: String, image: ImageReference? = nil, hasBuild: Bool = false,
        command: [String]? = nil, entrypoint: [String]? = nil, restart: String? = nil,
        healthcheck: Healthcheck? = nil, profiles: [String] = [], isActive: Bool = true,
        labels: [String: String] = [:], ports: [String] = [], volumes: [String] = [],
        networks: [String] = [], configs: [String] = [], containerName: String? = nil,
        replicas: Int? = nil, shmSize: String? = nil, source: String? = nil
    ) {
        self.name = name
        self.image = image
        self.hasBuild = hasBuild
        self.command = command
        self.entrypoint = entrypoint
        self.restart = restart
        self.healthcheck = healthcheck
        self.profiles = profiles
        self.isActive = isActive
        self.labels = labels
        self.ports = ports
        self.volumes = volumes
        self.networks = networks
        self.configs = configs
        self.containerName = containerName
        self.replicas = replicas
        self.shmSize = shmSize
        self.source = source
    }

    public var key: String { name }
    public var displayName: String { name }

    /// Where each volume is mounted in the container, in `volumes` order
    /// (`/var/lib/postgresql/data` for `pgdata:/var/lib/postgresql/data:rw`).
    public var mountTargets: [String] {
        volumes.compactMap { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count >= 2 ? String(parts[1]) : nil
        }
    }

    /// What holds `directory` in the container: the source of the mount whose
    /// target is `directory` or the nearest folder above it, and the path
    /// below that target. Targets compare without a trailing `/` and without
    /// the mount's mode (`:rw`). nil when no mount holds it (the data then
    /// lives in the container, or in an anonymous volume that goes with it).
    public func mountHolding(_ directory: String) -> (source: String, below: String)? {
        let wanted = Self.normalizedPath(directory)
        var best: (source: String, below: String, length: Int)?
        for spec in volumes {
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { continue }
            let target = Self.normalizedPath(parts[1])
            let isAbove = wanted == target || wanted.hasPrefix(target == "/" ? "/" : target + "/")
            guard isAbove, target.count > (best?.length ?? -1) else { continue }
            let below = String(wanted.dropFirst(target.count)).drop { $0 == "/" }
            best = (Self.normalizedPath(parts[0]), String(below), target.count)
        }
        return best.map { ($0.source, $0.below) }
    }

    /// A path without repeated or trailing slashes, and `./` leading a relative one.
    public static func normalizedPath(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        return isAbsolute ? "/" + joined : joined
    }

    /// Named volumes the service mounts (`pgdata:/var/lib/...`), not bind mounts.
    public var namedVolumes: [String] {
        volumes.compactMap { spec in
            let source = spec.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
            return spec.contains(":") && !isPath && !source.isEmpty ? source : nil
        }
    }
}

/// A service's health check as Compose declares it.
public struct Healthcheck: Codable, Equatable, Sendable {
    /// The test command, as written (`["CMD-SHELL", "pg_isready"]`).
    public var test: [String]
    /// True for `disable: true` or a test of `["NONE"]`.
    public var isDisabled: Bool
    public var interval: String?
    public var retries: Int?

    public init(test: [String], isDisabled: Bool = false, interval: String? = nil, retries: Int? = nil) {
        self.test = test
        self.isDisabled = isDisabled
        self.interval = interval
        self.retries = retries
    }
}
