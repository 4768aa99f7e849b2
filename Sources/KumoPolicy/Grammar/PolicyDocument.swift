/// A parsed IAM policy document (identity, resource or role trust policy).
///
/// Build one with ``parse(_:kind:)``, which validates strictly and reports every problem with its JSON path.
public struct PolicyDocument: Hashable, Sendable {
    /// The policy language version: `2012-10-17` (current; policy variables) or `2008-10-17`; `nil` when absent,
    /// which IAM reads as `2008-10-17` (so `${…}` is literal text).
    public var version: String?
    /// The optional policy `Id`.
    public var id: String?
    /// The statements, in document order.
    public var statements: [Statement]

    /// The current policy language version, the only one with policy variables.
    public static let currentVersion = "2012-10-17"
    /// The legacy policy language version.
    public static let legacyVersion = "2008-10-17"

    /// A document built in code (the construct library's path); not validated until parsed from JSON.
    public init(version: String? = PolicyDocument.currentVersion, id: String? = nil, statements: [Statement]) {
        self.version = version
        self.id = id
        self.statements = statements
    }

    /// Whether `${…}` policy variables are substituted (only with `Version` `2012-10-17`).
    public var substitutesPolicyVariables: Bool { version == Self.currentVersion }
}

/// One policy statement.
public struct Statement: Hashable, Sendable {
    /// The optional statement id.
    public var sid: String?
    /// Allow or Deny.
    public var effect: Effect
    /// Who the statement applies to (`Principal`), in trust and resource policies.
    public var principal: PrincipalSet?
    /// Who the statement does *not* apply to (`NotPrincipal`; Deny statements of resource policies only).
    public var notPrincipal: PrincipalSet?
    /// `Action` or `NotAction`.
    public var action: ActionSet
    /// `Resource` or `NotResource`; `nil` when neither is present (role trust policies).
    public var resource: ResourceSet?
    /// The conditions, all of which must hold (AND across operators and keys).
    public var conditions: [Condition]

    /// A statement built in code.
    public init(
        sid: String? = nil, effect: Effect, principal: PrincipalSet? = nil, notPrincipal: PrincipalSet? = nil,
        action: ActionSet, resource: ResourceSet? = nil, conditions: [Condition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.principal = principal
        self.notPrincipal = notPrincipal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }
}

/// A statement's effect.
public enum Effect: String, CaseIterable, Hashable, Sendable {
    case allow = "Allow"
    case deny = "Deny"
}

/// The `Action` (listed actions) or `NotAction` (every action but these) element.
public enum ActionSet: Hashable, Sendable {
    case actions([String])
    case notActions([String])

    /// The patterns, whichever the element.
    public var patterns: [String] {
        switch self {
        case .actions(let a), .notActions(let a): a
        }
    }
}

/// The `Resource` (listed resources) or `NotResource` (every resource but these) element.
public enum ResourceSet: Hashable, Sendable {
    case resources([String])
    case notResources([String])

    /// The patterns, whichever the element.
    public var patterns: [String] {
        switch self {
        case .resources(let r), .notResources(let r): r
        }
    }
}
