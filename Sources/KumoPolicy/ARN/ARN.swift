/// An Amazon Resource Name: `arn:partition:service:region:account-id:resource`, the resource keeping any further
/// colons (`arn:aws:sts::111122223333:assumed-role/Deploy/session`).
///
/// The one ARN type of Kumo: parse with ``init(_:)``, build with ``init(partition:service:region:account:resource:)``,
/// match per component with ``matches(_:pattern:)`` (IAM's `ArnLike`: wildcards stay inside their component).
/// Components may be symbolic: the template reader writes deploy-time values as `${…}` (`${AWS::AccountId}`,
/// `${Cluster.Arn}`), which ``isSymbolic(_:)`` recognises, so an ARN known only at deploy time still parses into
/// the components that are known.
///
/// ```swift
/// let role = ARN("arn:aws:iam::111122223333:role/ci/deploy")!
/// role.service        // "iam"
/// role.resourceName   // "deploy"
/// ARN.matches("arn:aws:s3:::bucket/key", pattern: "arn:aws:s3:::bucket/*")   // true
/// ```
public struct ARN: Hashable, Sendable, CustomStringConvertible {
    /// `aws`, `aws-cn`, `aws-us-gov`, …
    public var partition: String
    /// The service namespace: `iam`, `s3`, `eks`, …
    public var service: String
    /// The region; empty for global services (IAM, S3 buckets).
    public var region: String
    /// The 12-digit account ID; empty where the service has none (S3 buckets, AWS managed policies use `aws`).
    public var account: String
    /// The resource: `role/path/name`, `bucket/key`, `cluster/name`, … (colons kept).
    public var resource: String

    /// An ARN from its components.
    public init(partition: String = "aws", service: String, region: String = "", account: String = "", resource: String) {
        self.partition = partition
        self.service = service
        self.region = region
        self.account = account
        self.resource = resource
    }

    /// Parses `text`: `nil` unless it starts with `arn:` and has six `:`-separated components. Colons inside a
    /// symbolic `${…}` (`${AWS::AccountId}`) do not separate components.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        var separators = [Bool](repeating: false, count: bytes.count)
        var depth = 0
        for (i, b) in bytes.enumerated() {
            if b == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{") { depth += 1 }
            else if b == UInt8(ascii: "}"), depth > 0 { depth -= 1 }
            else if b == 58, depth == 0 { separators[i] = true }
        }
        guard let starts = ArnMatching.componentStarts(count: bytes.count, isColon: { separators[$0] }),
            bytes[0..<(starts[1] - 1)].elementsEqual("arn".utf8)
        else { return nil }
        func component(_ c: Int) -> String {
            let end = c < 5 ? starts[c + 1] - 1 : bytes.count
            return String(decoding: bytes[starts[c]..<end], as: UTF8.self)
        }
        self.init(partition: component(1), service: component(2), region: component(3), account: component(4),
                  resource: component(5))
    }

    /// `arn:partition:service:region:account:resource`.
    public var description: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }

    /// Whether every component IAM requires is present: partition, service and resource (region and account may be
    /// empty, as in S3 and IAM ARNs).
    public var isComplete: Bool { !partition.isEmpty && !service.isEmpty && !resource.isEmpty }

    /// The resource's type: what precedes its first `/` or `:` (`role` of `role/ci/deploy`); `nil` without either.
    public var resourceType: String? {
        guard let end = resource.firstIndex(where: { $0 == "/" || $0 == ":" }) else { return nil }
        return String(resource[..<end])
    }

    /// The resource's last `/`-separated part: a role's or policy's name without its path.
    public var resourceName: String { resource.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? resource }

    /// Whether a component holds a deploy-time value as the reader writes it (`${AWS::AccountId}`).
    public static func isSymbolic(_ component: String) -> Bool { component.contains("${") }

    /// Whether `text` matches `pattern` component by component (`*`/`?` wildcards, case-sensitive), as IAM's
    /// `ArnLike`/`ArnEquals` compare; `nil` when either is not an ARN (which never satisfies a positive operator).
    public static func matches(_ text: String, pattern: String) -> Bool? { ArnMatching.matches(text, pattern: pattern) }
}
