/// The condition keys of a request and their values, as IAM sees them when it evaluates a policy.
///
/// Key names are case-insensitive (`aws:CurrentTime` is `AWS:currenttime`, tag keys included); values are
/// kept verbatim. A key can carry several values (`aws:TagKeys`); a key mapped to an empty list is treated
/// exactly like an absent key (IAM's "empty data set": `ForAllValues` true, `ForAnyValue` false, plain
/// operators as for a missing key). Keys given twice in different letter case are merged, values appended.
public struct RequestContext: Hashable, Sendable, ExpressibleByDictionaryLiteral {
    private var storage: [String: [String]]

    /// An empty context.
    public init() { storage = [:] }

    /// A context from key → values.
    public init(_ values: [String: [String]]) {
        storage = [:]
        for (key, list) in values { append(list, forKey: key) }
    }

    public init(dictionaryLiteral elements: (String, [String])...) {
        storage = [:]
        for (key, list) in elements { append(list, forKey: key) }
    }

    /// The values of `key` (case-insensitive); `nil` when the key is absent or has no values.
    public subscript(key: String) -> [String]? {
        get { storage[Self.normalize(key)] }
        set {
            let k = Self.normalize(key)
            if let newValue, !newValue.isEmpty { storage[k] = newValue } else { storage[k] = nil }
        }
    }

    /// Adds values to a key (creating it).
    public mutating func append(_ values: [String], forKey key: String) {
        guard !values.isEmpty else { return }
        storage[Self.normalize(key), default: []].append(contentsOf: values)
    }

    /// The value of a single-valued key, as a policy variable sees it: `nil` when the key is absent or has
    /// several values (IAM does not allow multivalued keys as policy variables).
    func singleValue(forKey key: String) -> String? {
        guard let values = storage[Self.normalize(key)], values.count == 1 else { return nil }
        return values[0]
    }

    /// All key names (lower-cased), sorted.
    public var keys: [String] { storage.keys.sorted() }

    static func normalize(_ key: String) -> String {
        // ASCII fast path: condition keys are almost always ASCII.
        var ascii = true
        var hasUpper = false
        for b in key.utf8 {
            if b >= 0x80 {
                ascii = false
                break
            }
            if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { hasUpper = true }
        }
        if ascii && !hasUpper { return key }
        return key.lowercased()
    }
}
