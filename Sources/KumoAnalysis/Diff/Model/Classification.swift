/// What an IAM change does to access, as `kumo diff` classifies it.
///
/// The classification is per change element (a statement, a principal, an action list, one condition).
/// When Kumo cannot decide (operators of different families, a qualifier change, patterns whose containment
/// it cannot prove either way), it says ``review`` instead of guessing; `--fail-on broadening` treats
/// ``review`` as ``broadening`` (conservative).
public enum Classification: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Someone can do something they could not before: a new allow statement, action, resource or principal,
    /// a widened wildcard, a loosened or removed trust condition, a removed deny.
    case broadening
    /// Undecidable: the change may broaden access; a human must look.
    case review
    /// Access shrinks: the mirror of broadening.
    case narrowing
    /// Written differently, grants the same (for example a value already covered by a wildcard).
    case neutral

    /// Whether `--fail-on broadening` fails on this change (broadening, and undecidable changes).
    public var failsBroadeningGate: Bool { self == .broadening || self == .review }

    /// The opposite direction (for `Deny` statements, where wider means less access).
    public var inverted: Classification {
        switch self {
        case .broadening: .narrowing
        case .narrowing: .broadening
        case .review, .neutral: self
        }
    }

    /// The label used in reports.
    public var label: String {
        switch self {
        case .broadening: "broadening"
        case .review: "changed (review)"
        case .narrowing: "narrowing"
        case .neutral: "same access"
        }
    }

    public static func < (a: Classification, b: Classification) -> Bool {
        let order = Classification.allCases
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }

    /// The combined classification of several element changes: broadening wins, then review, narrowing,
    /// neutral.
    public static func combined(_ items: some Sequence<Classification>) -> Classification {
        items.min() ?? .neutral
    }
}
