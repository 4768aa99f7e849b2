import KumoJSON

/// A resource added, removed or modified between two templates (paired by logical ID).
public struct ResourceChange: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case added, removed, modified
        /// Same logical ID, another `Type`. CloudFormation refuses this as a stack update ("Update of resource
        /// type is not permitted").
        case typeChanged
    }

    public var logicalID: String
    public var kind: Kind
    public var oldType: String?
    public var newType: String?
    /// Property-level changes (only for ``Kind/modified``).
    public var properties: [PropertyChange]
    /// Why the resource would be replaced (a new physical resource, the old one deleted): empty when it is
    /// updated in place.
    public var replacementReasons: [String]

    /// Whether the update replaces the resource.
    public var replaces: Bool { !replacementReasons.isEmpty }

    /// The new type, else the old one.
    public var type: String { newType ?? oldType ?? "" }

    public init(
        logicalID: String, kind: Kind, oldType: String?, newType: String?, properties: [PropertyChange] = [],
        replacementReasons: [String] = []
    ) {
        self.logicalID = logicalID
        self.kind = kind
        self.oldType = oldType
        self.newType = newType
        self.properties = properties
        self.replacementReasons = replacementReasons
    }
}

/// One changed value inside a resource (or another template section), at a readable path.
public struct PropertyChange: Hashable, Sendable {
    /// `Properties.ResourcesVpcConfig.SubnetIds[0]`, `DependsOn`, `DeletionPolicy`, `Metadata.Foo`.
    public var path: String
    /// Resolved values with symbols displayed; `nil` when absent on that side.
    public var old: JSON?
    public var new: JSON?
    /// A create-only property: changing it replaces the resource.
    public var forcesReplacement: Bool
    /// A remark (`IAM document: see the IAM section`, `same access`).
    public var note: String?

    public init(path: String, old: JSON?, new: JSON?, forcesReplacement: Bool = false, note: String? = nil) {
        self.path = path
        self.old = old
        self.new = new
        self.forcesReplacement = forcesReplacement
        self.note = note
    }
}

/// A change outside `Resources`: a parameter, output, condition, mapping, rule or top-level field.
public struct SectionChange: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case added, removed, modified }

    /// `Parameters`, `Outputs`, `Conditions`, `Mappings`, `Rules`, or a top-level key (`Description`).
    public var section: String
    /// The entry's name (empty for a top-level field).
    public var name: String
    public var kind: Kind
    public var old: JSON?
    public var new: JSON?

    public init(section: String, name: String, kind: Kind, old: JSON?, new: JSON?) {
        self.section = section
        self.name = name
        self.kind = kind
        self.old = old
        self.new = new
    }
}

/// A CDK resource that disappears, or becomes its native equivalent under the same logical ID, when an
/// AWS CDK assembly is replaced by Kumo's: listed apart, neither an IAM change nor noise.
public struct ExpectedReplacement: Hashable, Sendable {
    public var logicalID: String
    public var oldType: String
    /// The native type under the same logical ID; `nil` when the resource is dropped.
    public var newType: String?
    /// The rule of ``CDKPlumbing`` that recognised it.
    public var rule: String
    public var reason: String

    public init(logicalID: String, oldType: String, newType: String?, rule: String, reason: String) {
        self.logicalID = logicalID
        self.oldType = oldType
        self.newType = newType
        self.rule = rule
        self.reason = reason
    }
}

/// A difference hidden by default (CDK metadata, asset hashes, bootstrap checks); `--strict` shows it as a
/// regular change instead.
public struct NoiseItem: Hashable, Sendable {
    /// `Resources.CDKMetadata`, `Resources.X.Metadata.aws:cdk:path`, `Parameters.BootstrapVersion`.
    public var location: String
    /// Which rule of ``DiffNoise`` hid it.
    public var rule: String

    public init(location: String, rule: String) {
        self.location = location
        self.rule = rule
    }
}
