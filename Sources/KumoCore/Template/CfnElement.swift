import KumoJSON

/// A construct that becomes an entry of a CloudFormation template (a resource, output, parameter, condition),
/// under a logical ID derived from its path.
open class CfnElement: Construct, Hashable {
    /// The stack whose template holds this element.
    public let stack: Stack
    private var logicalIDOverride: String?

    /// Adds the element to `scope`, which must be inside a ``Stack``.
    @discardableResult
    public override init(_ scope: Construct, _ id: String) {
        guard let stack = scope.node.stack else {
            preconditionFailure("\(scope.description)/\(id): a template element must be created inside a Stack")
        }
        self.stack = stack
        super.init(scope, id)
    }

    /// The element's logical ID: CDK's algorithm over its path relative to the stack, unless overridden.
    public var logicalID: String { logicalIDOverride ?? derivedLogicalID }

    private lazy var derivedLogicalID = LogicalIDs.make(
        Array(node.pathComponents.dropFirst(stack.node.pathComponents.count)))

    /// Replaces the derived logical ID (for instance to keep a resource that CDK named explicitly).
    public func overrideLogicalID(_ id: String) { logicalIDOverride = id }

    /// The template fragments this element contributes: `(section, logical ID, JSON)`, e.g.
    /// `("Resources", "RoleGithubFF1A0E31", {...})`. Subclasses override.
    open func renderFragments(_ context: ResolutionContext) throws(ResolutionError) -> [TemplateFragment] { [] }

    open override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let logicalIDOverride, !LogicalIDs.isValid(logicalIDOverride) {
            found.append(
                .error(
                    node.path, "logical ID \"\(logicalIDOverride)\" is not valid",
                    fix: "logical IDs are 1-255 letters and digits (A-Z, a-z, 0-9)"))
        }
        return found
    }

    /// Two elements are equal when they are the same element (identity).
    public static func == (a: CfnElement, b: CfnElement) -> Bool { a === b }
    /// Hashes the element's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// One entry an element contributes to a template section.
public struct TemplateFragment {
    /// The section the entry goes in.
    public var section: TemplateSection
    /// The entry's key in its section.
    public var logicalID: String
    /// The entry's value, as written.
    public var body: JSON

    /// An entry `logicalID: body` of `section`.
    public init(_ section: TemplateSection, _ logicalID: String, _ body: JSON) {
        self.section = section
        self.logicalID = logicalID
        self.body = body
    }
}

/// The sections of a CloudFormation template.
public enum TemplateSection: String, Sendable, CaseIterable {
    /// `Resources`: the resources the stack creates.
    case resources = "Resources"
    /// `Conditions`: named conditions that resources, outputs and `Fn::If` refer to.
    case conditions = "Conditions"
    /// `Mappings`: lookup tables for `Fn::FindInMap`.
    case mappings = "Mappings"
    /// `Outputs`: values shown after deployment, optionally exported.
    case outputs = "Outputs"
    /// `Parameters`: values supplied at deployment.
    case parameters = "Parameters"
    /// `Rules`: assertions on parameter values, checked before deployment.
    case rules = "Rules"
}
