/// Three-valued (Kleene) logic: `unknown` marks an outcome IAM's documentation does not decide; it is
/// resolved at the end, conservatively, by ``resolved(for:)``.
enum Truth: Hashable, Sendable {
    case yes, no, unknown

    init(_ b: Bool) { self = b ? .yes : .no }

    static prefix func ! (t: Truth) -> Truth {
        switch t {
        case .yes: .no
        case .no: .yes
        case .unknown: .unknown
        }
    }

    static func || (a: Truth, b: Truth) -> Truth {
        if a == .yes || b == .yes { return .yes }
        if a == .unknown || b == .unknown { return .unknown }
        return .no
    }

    static func && (a: Truth, b: Truth) -> Truth {
        if a == .no || b == .no { return .no }
        if a == .unknown || b == .unknown { return .unknown }
        return .yes
    }

    /// The definite value, or `nil` when unknown.
    var definite: Bool? {
        switch self {
        case .yes: true
        case .no: false
        case .unknown: nil
        }
    }

    /// The conservative reading: an unknown part of an Allow statement does not grant (false); an unknown
    /// part of a Deny statement denies (true).
    func resolved(for effect: Effect) -> Bool {
        definite ?? (effect == .deny)
    }
}
