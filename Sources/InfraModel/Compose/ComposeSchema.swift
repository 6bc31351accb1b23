/// The shape of a Compose file: which keys exist where and what type each takes.
///
/// A Swift transcription of the Compose Specification's JSON schema
/// (compose-spec/compose-go `schema/compose-spec.json`), which `docker compose`
/// applies before anything else: an unknown key or a value of the wrong type
/// refuses the file. Parts that infraplan never reads and that the schema
/// leaves loose (`develop`, `blkio_config`, device reservations…) are checked
/// only as far as their outer type. Keys starting with `x-` are allowed in
/// every object, as the specification allows.
indirect enum ComposeShape: Sendable {
    /// A string or a number (YAML writes `8080` for a port or a tag just as well).
    case string
    /// A string only, as the schema's `type: string` where compose-go casts nothing: a number
    /// or a boolean is refused.
    case text
    /// An integer, or a string that reads as one (an interpolated value), as compose-go casts it.
    case integer
    /// A string, number or boolean: any scalar.
    case scalar
    /// A boolean, or a string (interpolated values arrive as strings).
    case boolean
    /// A boolean, or a string compose-go casts to one (`true`, `yes`, `y`, `on`, `false`,
    /// `no`, `n`, `off`, in any case); any other string is refused.
    case castBoolean
    /// A string that must be one of the words listed (the schema's `enum`).
    case choice([String])
    /// A scalar or null.
    case nullableScalar
    /// Anything at all.
    case any
    /// A mapping whose keys are listed; other keys are refused unless they start with `x-`.
    case object([String: ComposeShape])
    /// A mapping with free keys whose values all have one shape.
    case dictionary(ComposeShape)
    /// A mapping of names to one shape, the names held to `[a-zA-Z0-9._-]+` as the schema's
    /// pattern holds those of services, volumes, secrets and configs; `kind` names them.
    case names(kind: String, ComposeShape)
    /// A sequence whose items all have one shape.
    case list(ComposeShape)
    /// A sequence whose items all have one shape and are all different (`uniqueItems`).
    case uniqueList(ComposeShape)
    /// The shape, a mapping that must hold every key listed (the schema's `required`).
    case requiring([String], ComposeShape)
    /// One of several shapes, tried in order by the node's kind.
    case either([ComposeShape])
    /// The shape, or null.
    case nullable(ComposeShape)

    static let listOfStrings = ComposeShape.list(.string)
    static let stringOrList = ComposeShape.either([.string, .listOfStrings])
    static let listOrDict = ComposeShape.either([.dictionary(.nullableScalar), .list(.string)])
    static let command = ComposeShape.nullable(.either([.string, .listOfStrings]))
}

extension ComposeShape {
    /// The whole file.
    static let file = ComposeShape.object([
        "version": .string,
        "name": .string,
        "include": .list(include),
        "services": .names(kind: "service", .nullable(service)),
        "networks": .dictionary(network),
        "volumes": .names(kind: "volume", volume),
        "secrets": .names(kind: "secret", secretOrConfig),
        "configs": .names(kind: "config", secretOrConfig),
        "models": .dictionary(.any),
    ])

    static let include = ComposeShape.either([
        .string,
        .object(["path": stringOrList, "env_file": stringOrList, "project_directory": .string]),
    ])

    static let external = ComposeShape.either([.boolean, .object(["name": .string])])

    static let network = ComposeShape.nullable(
        .object([
            "name": .string, "driver": .string, "driver_opts": .dictionary(.scalar),
            "ipam": .any, "external": external, "internal": .boolean, "enable_ipv4": .boolean,
            "enable_ipv6": .boolean, "attachable": .boolean, "labels": listOrDict,
        ]))

    static let volume = ComposeShape.nullable(
        .object([
            "name": .string, "driver": .string, "driver_opts": .dictionary(.scalar),
            "external": external, "labels": listOrDict,
        ]))

    static let secretOrConfig = ComposeShape.object([
        "name": .string, "content": .string, "environment": .string, "file": .string,
        "external": external, "labels": listOrDict, "driver": .string,
        "driver_opts": .dictionary(.scalar), "template_driver": .string,
    ])
}

extension ComposeShape {
    /// One service.
    static let service = ComposeShape.object(serviceKeys)

    static let serviceKeys: [String: ComposeShape] = [
        "annotations": listOrDict, "attach": .boolean, "blkio_config": .any,
        "build": .either([.string, build]), "cap_add": listOfStrings, "cap_drop": listOfStrings,
        "cgroup": .string, "cgroup_parent": .string, "command": command,
        "configs": mounts, "container_name": .string, "cpu_count": .string,
        "cpu_percent": .string, "cpu_shares": .string, "cpu_quota": .string,
        "cpu_period": .string, "cpu_rt_period": .string, "cpu_rt_runtime": .string,
        "cpus": .string, "cpuset": .string, "credential_spec": .any, "depends_on": dependsOn,
        "deploy": .nullable(deploy), "develop": .any, "device_cgroup_rules": listOfStrings,
        "devices": .list(.any), "dns": stringOrList, "dns_opt": listOfStrings,
        "dns_search": stringOrList, "domainname": .string, "entrypoint": command,
        "env_file": envFile, "environment": listOrDict, "expose": .list(.string),
        "extends": .either([.string, .object(["service": .string, "file": .string])]),
        "external_links": listOfStrings,
        "extra_hosts": .either([.dictionary(.any), listOfStrings]),
        "gpus": .any, "group_add": .list(.string), "healthcheck": healthcheck,
        "hostname": .string, "image": .string, "init": .boolean, "ipc": .string,
        "isolation": .string, "label_file": stringOrList, "labels": listOrDict,
        "links": listOfStrings, "logging": logging, "mac_address": .string,
        "mem_limit": .string, "mem_reservation": .string, "mem_swappiness": .string,
        "memswap_limit": .string, "models": .any, "network_mode": .string,
        "networks": serviceNetworks, "oom_kill_disable": .boolean, "oom_score_adj": .string,
        "pid": .nullable(.string), "pids_limit": .string, "platform": .string,
        "ports": .list(.either([.string, port])), "post_start": .list(.any),
        "pre_stop": .list(.any),
        "privileged": .boolean, "profiles": listOfStrings, "provider": .any,
        "pull_policy": .string, "pull_refresh_after": .string, "read_only": .boolean,
        "restart": .string, "runtime": .string, "scale": .integer, "secrets": mounts,
        "security_opt": listOfStrings, "shm_size": .string, "stdin_open": .boolean,
        "stop_grace_period": .string, "stop_signal": .string, "storage_opt": .dictionary(.any),
        "sysctls": listOrDict, "tmpfs": stringOrList, "tty": .boolean, "ulimits": .dictionary(.any),
        "use_api_socket": .boolean, "user": .string, "userns_mode": .string, "uts": .string,
        "volumes": .list(.either([.string, serviceVolume])), "volumes_from": listOfStrings,
        "working_dir": .string,
    ]

    static let build = ComposeShape.object([
        "context": .string, "dockerfile": .string, "dockerfile_inline": .string,
        "entitlements": listOfStrings, "args": listOrDict, "ssh": listOrDict, "labels": listOrDict,
        "cache_from": listOfStrings, "cache_to": listOfStrings, "no_cache": .boolean,
        "additional_contexts": listOrDict, "network": .string, "provenance": .scalar,
        "sbom": .scalar, "pull": .boolean, "target": .string, "shm_size": .string,
        "extra_hosts": .either([.dictionary(.any), listOfStrings]), "isolation": .string,
        "privileged": .boolean, "secrets": mounts, "tags": listOfStrings, "ulimits": .any,
        "platforms": listOfStrings,
    ])

    /// The conditions a `depends_on` entry may wait for.
    static let dependsOnConditions = [
        "service_started", "service_healthy", "service_completed_successfully",
    ]

    /// `depends_on`: a list of distinct names, or names to `{condition, required, restart}`,
    /// where the schema requires `condition`.
    static let dependsOn = ComposeShape.either([
        .uniqueList(.string),
        .dictionary(
            .requiring(
                ["condition"],
                .object([
                    "condition": .choice(dependsOnConditions), "required": .castBoolean,
                    "restart": .castBoolean,
                ]))),
    ])

    static let envFile = ComposeShape.either([
        .string,
        .list(
            .either([
                .string,
                .object(["path": .string, "format": .string, "required": .boolean]),
            ])),
    ])

    static let healthcheck = ComposeShape.object([
        "disable": .boolean, "interval": .string, "retries": .string,
        "test": .either([.text, .list(.text)]), "timeout": .string, "start_period": .string,
        "start_interval": .string,
    ])

    static let logging = ComposeShape.object([
        "driver": .string, "options": .dictionary(.nullableScalar),
    ])

    static let mounts = ComposeShape.list(
        .either([
            .string,
            .object([
                "source": .string, "target": .string, "uid": .string, "gid": .string,
                "mode": .string,
            ]),
        ]))

    static let serviceNetworks = ComposeShape.either([
        listOfStrings,
        .dictionary(
            .nullable(
                .object([
                    "aliases": listOfStrings, "interface_name": .string, "ipv4_address": .string,
                    "ipv6_address": .string, "link_local_ips": listOfStrings,
                    "mac_address": .string,
                    "driver_opts": .dictionary(.scalar), "priority": .string,
                    "gw_priority": .string,
                ]))),
    ])

    static let port = ComposeShape.object([
        "name": .string, "mode": .string, "host_ip": .string, "target": .string,
        "published": .string, "protocol": .string, "app_protocol": .string,
    ])

    /// The mount types a long-syntax volume may name.
    static let volumeTypes = ["bind", "volume", "tmpfs", "npipe", "image", "cluster"]

    /// A long-syntax volume, whose `type` the schema requires.
    static let serviceVolume = ComposeShape.requiring(
        ["type"],
        .object([
            "type": .choice(volumeTypes), "source": .string, "target": .string,
            "read_only": .boolean, "consistency": .string, "bind": .any, "volume": .any,
            "tmpfs": .any, "image": .any,
        ]))

    static let deploy = ComposeShape.object([
        "mode": .string, "endpoint_mode": .string, "replicas": .integer, "labels": listOrDict,
        "rollback_config": .any, "update_config": .any, "resources": .any,
        "restart_policy": .object([
            "condition": .string, "delay": .string, "max_attempts": .string, "window": .string,
        ]),
        "placement": .any,
    ])
}
