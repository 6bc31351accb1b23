/// A top-level named volume.
public struct Volume: ModelEntity {
    public static let kind = EntityKind.volume

    public var name: String
    /// The name Docker uses, when `name:` sets one.
    public var externalName: String?
    public var isExternal: Bool
    public var driver: String?
    public var source: String?

    public init(
        name: String, externalName: String? = nil, isExternal: Bool = false, driver: String? = nil,
        source: String? = nil
    ) {
        self.name = name
        self.externalName = externalName
        self.isExternal = isExternal
        self.driver = driver
        self.source = source
    }

    public var key: String { name }
    public var displayName: String { name }
}

/// A top-level network.
public struct Network: ModelEntity {
    public static let kind = EntityKind.network

    public var name: String
    public var externalName: String?
    public var isExternal: Bool
    public var isInternal: Bool
    public var source: String?

    public init(
        name: String, externalName: String? = nil, isExternal: Bool = false, isInternal: Bool = false,
        source: String? = nil
    ) {
        self.name = name
        self.externalName = externalName
        self.isExternal = isExternal
        self.isInternal = isInternal
        self.source = source
    }

    public var key: String { name }
    public var displayName: String { name }
}
