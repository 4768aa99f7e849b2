import Synchronization

/// The schemas' `pattern`s, compiled once each. JSON Schema patterns are searched for, not anchored; patterns
/// Swift's regular expressions cannot compile are not checked (cfn-lint's own engine is the judge of those).
enum PatternCache {
    /// A compiled pattern. `Regex` is an immutable value whose matching keeps its state per call, so sharing one
    /// across threads is safe; the standard library does not mark it `Sendable`.
    private final class Compiled: @unchecked Sendable {
        let regex: Regex<AnyRegexOutput>?
        init(_ pattern: String) { regex = (try? Regex(pattern))?.matchingSemantics(.unicodeScalar) }
    }

    private static let compiled = Mutex<[String: Compiled]>([:])

    /// Whether `text` contains a match of `pattern`; `nil` when the pattern cannot be compiled.
    static func matches(_ pattern: String, _ text: String) -> Bool? {
        let entry = compiled.withLock { cache in
            if let known = cache[pattern] { return known }
            let new = Compiled(pattern)
            cache[pattern] = new
            return new
        }
        guard let regex = entry.regex else { return nil }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
