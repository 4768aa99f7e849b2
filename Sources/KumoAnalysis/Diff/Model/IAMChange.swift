/// One change to who can do what: a role, a trust statement, a policy statement or one of its elements.
///
/// Values are display strings: resolved, with deploy-time values shown as symbols (`<EKSCluster issuer>:sub`).
public struct IAMChange: Hashable, Sendable {
    /// What changed.
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        /// A role (or user, or group: see the subject's kind) added or removed.
        case roleAdded, roleRemoved
        case policyAdded, policyRemoved
        case attachmentAdded, attachmentRemoved
        case inlinePolicyAdded, inlinePolicyRemoved
        case statementAdded, statementRemoved
        case principalChanged, actionChanged, resourceChanged
        /// `Action` ↔ `NotAction`, `Resource` ↔ `NotResource`, `Principal` ↔ `NotPrincipal`.
        case elementKindChanged
        case conditionAdded, conditionRemoved, conditionChanged
        /// A document that is not a valid policy (so cannot be compared by meaning) changed.
        case documentChanged
    }

    /// The role, user, group or managed policy the change belongs to.
    public struct Subject: Hashable, Sendable {
        public enum Kind: String, Hashable, Sendable {
            case role
            case managedPolicy
            case user
            case group
        }

        public var kind: Kind
        public var logicalID: String
        /// The role or policy name (resolved; a symbol when CloudFormation generates it).
        public var name: String?
        /// A short construct name (`DBMigratorRole`), else the logical ID.
        public var displayName: String

        public init(kind: Kind, logicalID: String, name: String?, displayName: String) {
            self.kind = kind
            self.logicalID = logicalID
            self.name = name
            self.displayName = displayName
        }
    }

    /// Which document of the subject.
    public enum Document: Hashable, Sendable {
        /// The role's trust policy (`AssumeRolePolicyDocument`).
        case trust
        /// The role's managed policy attachments.
        case attachments
        /// An inline policy of the role (the role's `Policies` or an `AWS::IAM::Policy`), by name.
        case inline(String)
        /// The managed policy's document.
        case policy

        /// `trust`, `attachments`, `inline:NAME`, `policy`.
        public var identifier: String {
            switch self {
            case .trust: "trust"
            case .attachments: "attachments"
            case .inline(let name): "inline:" + name
            case .policy: "policy"
            }
        }
    }

    public var subject: Subject
    /// `nil` for whole-role and whole-policy changes.
    public var document: Document?
    public var kind: Kind
    public var classification: Classification
    /// The statement concerned, readable (`Allow sts:AssumeRoleWithWebIdentity · Federated …`).
    public var statement: String?
    /// The element concerned (`Action`, `Condition StringLike <EKSCluster issuer>:sub`).
    public var element: String?
    /// Values before (removed values, or the old side of a changed condition).
    public var old: [String]
    /// Values after.
    public var new: [String]
    /// Why it is classified so (`StringEquals → StringLike; wider pattern`).
    public var reason: String
    /// The resource whose property carries the change, and the property.
    public var resourceLogicalID: String
    public var property: String?

    public init(
        subject: Subject, document: Document?, kind: Kind, classification: Classification, statement: String? = nil,
        element: String? = nil, old: [String] = [], new: [String] = [], reason: String, resourceLogicalID: String,
        property: String? = nil
    ) {
        self.subject = subject
        self.document = document
        self.kind = kind
        self.classification = classification
        self.statement = statement
        self.element = element
        self.old = old
        self.new = new
        self.reason = reason
        self.resourceLogicalID = resourceLogicalID
        self.property = property
    }
}
