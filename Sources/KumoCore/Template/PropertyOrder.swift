import KumoJSON

/// The key order of CDK's generated L1 code: case-insensitive alphabetical by CloudFormation name
/// (`DatabaseName` before `DBClusterIdentifier`, `MasterUsername` before `MasterUserPassword`).
public enum PropertyOrder {
    /// Whether property `a` is written before property `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let la = a.lowercased()
        let lb = b.lowercased()
        return la != lb ? la < lb : a < b
    }

    /// `value` with the members of every nested object in ``precedes(_:_:)`` order, as CDK's generated code
    /// writes nested property types. JSON documents (``Value/document(_:)``, policies) and intrinsic
    /// arguments keep their own order.
    public static func sortingNested(_ value: Value) -> Value {
        switch value {
        case .map(let members):
            var sorted = OrderedDictionary<String, Value>(minimumCapacity: members.count)
            for key in members.keys.sorted(by: precedes) { sorted[key] = sortingNested(members[key]!) }
            return .map(sorted)
        case .list(let items):
            return .list(items.map(sortingNested))
        case .named(let name, let inner):
            return .named(name, sortingNested(inner))
        case .null, .bool, .number, .string, .fn, .keyed, .document, .lazy:
            return value
        }
    }
}

/// An approximation of JavaScript's `String.prototype.localeCompare` (ICU root collation), which CDK uses to
/// order `DependsOn` (by construct path) and tags: punctuation before digits before letters, letters compared
/// case-insensitively first, lower case before upper case on ties.
public enum LocaleOrder {
    /// Whether `a` sorts before `b` in `localeCompare`'s order.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let ka = Array(a.unicodeScalars)
        let kb = Array(b.unicodeScalars)
        for (x, y) in zip(ka, kb) where primary(x) != primary(y) {
            return primary(x) < primary(y)
        }
        if ka.count != kb.count { return ka.count < kb.count }
        for (x, y) in zip(ka, kb) where x != y {
            return tertiary(x) < tertiary(y)
        }
        return false
    }

    private static func primary(_ s: Unicode.Scalar) -> (Int, UInt32) {
        switch s {
        case "0"..."9": (1, s.value)
        case "a"..."z": (2, s.value)
        case "A"..."Z": (2, s.value + 32)
        default: (0, s.value)
        }
    }

    private static func tertiary(_ s: Unicode.Scalar) -> UInt32 {
        switch s {
        case "a"..."z": s.value * 2
        case "A"..."Z": (s.value + 32) * 2 + 1
        default: s.value * 2
        }
    }
}
