import KumoJSON
import Synchronization

/// The schemas of every `AWS::` resource type, looked up by type name and parsed on first use (one service's
/// lines are indexed once; one type's JSON is parsed when it is first asked for).
public enum ResourceSchemas {
    /// The schema of `typeName`, or `nil` when the schemas have no such type (a custom or third-party type,
    /// a typo).
    public static func schema(for typeName: String) -> ResourceSchema? {
        if let cached = cache.withLock({ $0.schemas[typeName] }) { return cached }
        let parts = typeName.split(separator: ":", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "AWS", let line = line(for: typeName, service: parts[1]) else { return nil }
        guard let root = try? JSON(parsing: String(line)) else { return nil }
        let schema = ResourceSchema(typeName: typeName, root: root)
        cache.withLock { $0.schemas[typeName] = schema }
        return schema
    }

    /// Every type name (1,583 in cfn-lint 1.51's us-east-1 set), sorted.
    public static var allTypeNames: [String] { SchemaData.serviceNames.flatMap(typeNames(ofService:)) }

    /// The services (`S3` for `AWS::S3::*`), sorted.
    public static var serviceNames: [String] { SchemaData.serviceNames }

    /// The type names of one service, sorted.
    public static func typeNames(ofService service: String) -> [String] {
        index(ofService: Substring(service)).map { $0.keys.sorted() } ?? []
    }

    /// Type names close to `typeName` (for "did you mean"), best first.
    public static func suggestions(for typeName: String) -> [String] {
        Suggestions.closest(to: typeName, among: allTypeNames, limit: 3)
    }

    private struct Cache {
        var schemas: [String: ResourceSchema] = [:]
        var services: [Substring: [String: Substring]] = [:]
    }

    private static let cache = Mutex(Cache())

    private static func line(for typeName: String, service: Substring) -> Substring? {
        index(ofService: service)?[typeName]
    }

    private static func index(ofService service: Substring) -> [String: Substring]? {
        if let known = cache.withLock({ $0.services[service] }) { return known }
        guard let text = SchemaData.lines(ofService: service) else { return nil }
        var lines: [String: Substring] = [:]
        // Split on the UTF-8 bytes of "\n" and "\t" (both ASCII, so never inside a character): splitting the
        // String itself breaks graphemes over megabytes of JSON, half of `kumo synth`'s instructions.
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let tab = line.firstIndex(of: UInt8(ascii: "\t")) else { continue }
            lines[String(Substring(line[..<tab]))] = Substring(line[line.index(after: tab)...])
        }
        cache.withLock { $0.services[service] = lines }
        return lines
    }
}
