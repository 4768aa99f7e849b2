import KumoJSON

/// A node of the construct tree: an ``App``, a ``Stack``, a typed construct (a role, a cluster) or a template
/// element. Every construct has a scope (its parent) and an ID unique within that scope; the IDs from the root
/// form its path (`MyEKSStack/RoleGithub/Resource`), from which stable logical IDs are derived.
///
/// Constructs are created for their effect: `Role(stack, "RoleGithub", …)` adds the role to `stack`, whether
/// or not the result is kept. A construct tree is a reference graph: children are owned by their scope and
/// keep their scope alive.
open class Construct: CustomStringConvertible {
    /// The tree bookkeeping of this construct: ID, scope, children, path.
    public let node: Node

    /// Adds a construct with `id` to `scope`.
    ///
    /// IDs must be unique within their scope; a duplicate is reported as a synthesis error naming the path.
    /// A `/` in an ID becomes `--` (as AWS CDK does), since `/` separates path components.
    @discardableResult
    public init(_ scope: Construct, _ id: String) {
        node = Node(scope: scope, id: Node.sanitize(id))
        scope.node.adopt(self)
    }

    /// Creates a root construct (an ``App``).
    init(rootID: String) {
        node = Node(scope: nil, id: rootID)
        node.owner = self
    }

    /// Called once at the start of synthesis, before validation: typed constructs write their template
    /// elements' properties from their typed state here, so that changes made after construction count.
    /// Children are prepared before their parents.
    open func prepare() {}

    /// Checks the construct's own configuration at synthesis time. Override to report errors and warnings
    /// (with ``Diagnostic/error(_:_:fix:)``); the default reports nothing.
    open func validate() -> [Diagnostic] { [] }

    /// The construct path.
    public var description: String { node.path.isEmpty ? "<app>" : node.path }
}

/// The tree bookkeeping of a ``Construct``.
public final class Node {
    /// The construct's ID within its scope.
    public let id: String
    /// The parent construct; `nil` for the root.
    public let scope: Construct?
    /// The path from the root, IDs joined with `/` (the root's ID is not part of paths).
    public let path: String
    /// The children, in creation order.
    public private(set) var children: [Construct] = []
    /// Child IDs, for constant-time duplicate checks and lookups.
    private var childIndex: [String: Int] = [:]
    /// Constructs that must be deployed before this one (their resources become `DependsOn`).
    public private(set) var dependencies: [Construct] = []
    /// Diagnostics recorded while the tree was built (duplicate IDs, invalid properties).
    public private(set) var diagnostics: [Diagnostic] = []
    /// Key/value context visible to this construct and its descendants (see ``tryGetContext(_:)``).
    public private(set) var context: [String: JSON] = [:]
    /// Tags added to this construct (see ``addTag(_:_:only:)``); they apply to every taggable resource below.
    public internal(set) var tags: [Tag] = []

    /// The construct this node belongs to.
    public internal(set) unowned var owner: Construct!

    init(scope: Construct?, id: String) {
        self.scope = scope
        self.id = id
        if let scope {
            path = scope.node.path.isEmpty ? id : scope.node.path + "/" + id
        } else {
            path = ""
        }
    }

    static func sanitize(_ id: String) -> String {
        id.contains("/") ? id.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "--") : id
    }

    func adopt(_ child: Construct) {
        child.node.owner = child
        if child.node.id.isEmpty {
            addError("a construct ID must not be empty", fix: "give the construct a non-empty ID")
        } else if childIndex[child.node.id] != nil {
            child.node.addError(
                "duplicate construct ID \"\(child.node.id)\" in scope \(owner.description)",
                fix: "IDs must be unique within their scope: rename one of the two constructs")
        }
        if childIndex[child.node.id] == nil { childIndex[child.node.id] = children.count }
        children.append(child)
    }

    /// The path's components (`["MyEKSStack", "RoleGithub", "Resource"]`).
    public var pathComponents: [String] {
        path.isEmpty ? [] : path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// The child with `id`, if any.
    public func tryFindChild(_ id: String) -> Construct? { childIndex[id].map { children[$0] } }

    /// The root of the tree.
    public var root: Construct {
        var current: Construct = owner
        while let parent = current.node.scope { current = parent }
        return current
    }

    /// This construct and all its descendants, depth-first in creation order (the order of the template).
    public var subtree: [Construct] {
        var result: [Construct] = []
        func visit(_ c: Construct) {
            result.append(c)
            c.node.children.forEach(visit)
        }
        visit(owner)
        return result
    }

    /// The nearest ``Stack`` at or above this construct.
    public var stack: Stack? {
        var current: Construct? = owner
        while let c = current {
            if let stack = c as? Stack { return stack }
            current = c.node.scope
        }
        return nil
    }

    /// Makes this construct depend on `other`: every resource under this construct gets `DependsOn` on every
    /// resource under `other` (within the same stack).
    public func addDependency(_ other: Construct) {
        if !dependencies.contains(where: { $0 === other }) { dependencies.append(other) }
    }

    /// Records an error that will stop synthesis.
    public func addError(_ message: String, fix: String? = nil) {
        diagnostics.append(.error(path, message, fix: fix))
    }

    /// Records a warning that synthesis reports.
    public func addWarning(_ message: String, fix: String? = nil) {
        diagnostics.append(.warning(path, message, fix: fix))
    }

    /// Records a note that synthesis reports.
    public func addInfo(_ message: String) {
        diagnostics.append(Diagnostic(.info, path: path, message))
    }

    /// Sets a context value for this construct and its descendants.
    public func setContext(_ key: String, _ value: JSON) { context[key] = value }

    /// The nearest context value for `key`, looking from this construct up to the root.
    public func tryGetContext(_ key: String) -> JSON? {
        var current: Construct? = owner
        while let c = current {
            if let value = c.node.context[key] { return value }
            current = c.node.scope
        }
        return nil
    }
}
