/// One service as read from the merged document: typed values with the locations they came from.
///
/// The bridge between the document tree and the model: validation works on
/// these (every reference keeps its line), and `ModelBuilder` turns them into
/// model entities.
struct ComposeService: Sendable {
    var name: String
    /// Where the service's key was written.
    var location: SourceLocation
    var image: String?
    var imageLocation: SourceLocation?
    var hasBuild = false
    var profiles: [String] = []
    var dependencies: [DeclaredDependency] = []
    var environment: [DeclaredVariable] = []
    var envFiles: [EnvFileReference] = []
    var labels: [DeclaredLabel] = []
    var secrets: [MountReference] = []
    var configs: [MountReference] = []
    /// Networks named in `networks:` (not the implicit `default`).
    var networks: [NamedReference] = []
    /// Other names the service answers to on its networks (`networks.x.aliases`).
    var aliases: [String] = []
    /// `label_file` entries, read into `labels` before the model is built.
    var labelFiles: [EnvFileReference] = []
    var networkMode: NamedReference?
    var volumes: [VolumeMount] = []
    var ports: [String] = []
    var command: [String]?
    var entrypoint: [String]?
    var healthcheck: Healthcheck?
    /// Where the first word of a `healthcheck.test` written as a list is.
    var healthcheckTestLocation: SourceLocation?
    var restart: String?
    var containerName: NamedReference?
    var replicas: Int?
    var replicasLocation: SourceLocation?
    /// `shm_size`, as written; PostgreSQL's shared memory depends on it.
    var shmSize: String?
}

/// An edge a service declares: `depends_on`, `links`, `volumes_from` or `network_mode: service:`.
struct DeclaredDependency: Sendable {
    var target: String
    var kind: DependencyKind
    var condition: String?
    var isRequired = true
    var restartsWithTarget = false
    /// True when the long syntax wrote `required:` (which docker compose before 2.20 refuses).
    var hasRequiredKey = false
    var location: SourceLocation
}

/// An `environment:` entry; `value` nil for `- KEY` or `KEY:` (taken from the host environment).
struct DeclaredVariable: Sendable {
    var key: String
    var value: String?
    var location: SourceLocation
    /// True when the value was written with a `$` reference, now substituted.
    var isInterpolated: Bool
}

/// An `env_file:` entry.
struct EnvFileReference: Sendable {
    var path: String
    var isRequired: Bool
    var location: SourceLocation
    /// The long syntax's `format` as written (nil: Compose's own); only `raw` is another.
    var format: String?
    var formatLocation: SourceLocation?
}

/// A label, key and value after interpolation.
struct DeclaredLabel: Sendable {
    var key: String
    var value: String
    var location: SourceLocation
}

/// A secret or config a service mounts.
struct MountReference: Sendable {
    var source: String
    var target: String?
    var location: SourceLocation
}

/// A name written somewhere (a network, a network mode, a container name).
struct NamedReference: Sendable {
    var name: String
    var location: SourceLocation
}

/// One entry of a service's `volumes:`.
struct VolumeMount: Sendable {
    enum Kind: String, Sendable { case bind, volume, tmpfs, other }
    var kind: Kind
    /// The host path or volume name; nil for an anonymous volume or tmpfs.
    var source: String?
    var target: String
    var isReadOnly: Bool
    /// True for the long syntax (`type: bind`), whose missing source Docker does not create.
    var isLongSyntax: Bool
    /// The mount as the model stores it: `source:target[:ro]`, or the target alone.
    var spec: String
    var location: SourceLocation
}
