/// A resource's properties break its schema: what is wrong, where, and how to fix it.
public struct SchemaViolation: Hashable, Sendable, CustomStringConvertible {
    /// What kind of rule the value breaks.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case unknownResourceType, notAnObject, unknownProperty, readOnly, wrongType, missingRequired, enumValue, pattern, length,
            range, itemCount, memberCount, noBranchMatches
    }

    public var kind: Kind
    /// Components from the resource (`["Properties", "RedrivePolicy", "maxReceiveCount"]`; list items as
    /// their index).
    public var path: [String]
    public var message: String
    public var fix: String

    public init(_ kind: Kind, at path: [String], _ message: String, fix: String) {
        self.kind = kind
        self.path = path
        self.message = message
        self.fix = fix
    }

    /// `Properties.RedrivePolicy.maxReceiveCount`.
    public var location: String { path.joined(separator: ".") }

    public var description: String { "\(location): \(message) (fix: \(fix))" }
}
