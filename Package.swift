// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "infraplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "infraplan", targets: ["infraplan"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .target(name: "InfraModel", dependencies: ["CSQLite", "CYAML", "CCrypto"]),
        .target(name: "Planner", dependencies: ["InfraModel"]),
        .executableTarget(name: "infraplan", dependencies: ["InfraModel", "Planner"]),
        .testTarget(name: "InfraModelTests", dependencies: ["InfraModel"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "InfraModel"]),
        .testTarget(
            name: "infraplanTests",
            dependencies: ["InfraModel", "Planner", "infraplan"]
        ),
    ]
)
