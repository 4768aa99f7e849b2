import KumoJSON

/// A public hosted zone (`AWS::Route53::HostedZone`).
///
/// ```swift
/// let zone = PublicHostedZone(stack, "PublicHostedZone", zoneName: "example.com", comment: "main domain",
///                             caaAmazon: true)
/// ```
/// With `caaAmazon`, a CAA record (`<id>/CaaAmazon`) lets only Amazon issue certificates for the domain.
/// The zone name is checked at synthesis (labels of 1–63 letters, digits and hyphens, at most 255 in all).
public final class PublicHostedZone: Construct {
    /// The domain, without the trailing dot.
    public let zoneName: String
    /// The zone's comment (`HostedZoneConfig.Comment`, at most 256 characters).
    public var comment: String?
    private var l1: Route53.CfnHostedZone!

    /// A public hosted zone `id` of `scope` for `zoneName` (a trailing dot is dropped); `caaAmazon` adds a CAA record that lets only Amazon issue certificates.
    @discardableResult
    public init(_ scope: Construct, _ id: String, zoneName: String, comment: String? = nil, caaAmazon: Bool = false) {
        self.zoneName = zoneName.hasSuffix(".") ? String(zoneName.dropLast()) : zoneName
        self.comment = comment
        super.init(scope, id)
        l1 = Route53.CfnHostedZone(
            self, "Resource", hostedZoneConfig: .lazy { self.comment.map { .init(comment: CfnString($0)) } },
            name: CfnString(self.zoneName + "."))
        if caaAmazon {
            RecordSet(self, "CaaAmazon", zone: self, type: .caa, values: ["0 issue \"amazon.com\""])
        }
    }

    /// The L1 resource (`AWS::Route53::HostedZone`); edits made through it win over this construct's values.
    public var resource: Route53.CfnHostedZone { l1 }
    /// The zone's ID (`Ref`).
    public var hostedZoneID: Value { l1.ref }
    /// The zone's name servers (`Fn::GetAtt NameServers`), to delegate the domain to.
    public var nameServers: Value { l1.attrNameServers.cfnValue }

    /// Checks at synthesis: the zone name is a valid domain, the comment at most 256 characters.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let problem = DomainNames.problem(zoneName) {
            found.append(.error(node.path, "zone name \"\(zoneName)\" is not valid: \(problem)", fix: "use a domain such as example.com"))
        }
        if let comment, comment.count > 256 {
            found.append(.error(node.path, "the comment is longer than 256 characters", fix: "shorten it"))
        }
        return found
    }
}

/// A record set of a hosted zone (`AWS::Route53::RecordSet`).
public final class RecordSet: Construct {
    /// The record types Kumo writes.
    public enum RecordType: String, Sendable {
        /// An IPv4 address.
        case a = "A"
        /// An IPv6 address.
        case aaaa = "AAAA"
        /// The certificate authorities allowed to issue certificates for the domain.
        case caa = "CAA"
        /// An alias of another domain name.
        case cname = "CNAME"
        /// A mail server, with its priority.
        case mx = "MX"
        /// The name servers of a delegated subdomain.
        case ns = "NS"
        /// Text (SPF, domain verification).
        case txt = "TXT"
    }

    /// The zone the record belongs to.
    public let zone: PublicHostedZone
    /// The record name relative to the zone (`nil` for the apex).
    public var recordName: String?
    /// The record's type.
    public var type: RecordType
    /// The record's values (`ResourceRecords`), as the record type writes them (`0 issue "amazon.com"` for CAA).
    public var values: [String]
    /// Time to live in seconds.
    public var ttl: Int
    private var l1: Route53.CfnRecordSet!

    /// A record `id` of `scope` in `zone`: `name` relative to the zone (`nil` for the apex), its type, values and TTL (1,800 s by default).
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, zone: PublicHostedZone, name: String? = nil, type: RecordType, values: [String],
        ttl: Int = 1800
    ) {
        self.zone = zone
        self.recordName = name
        self.type = type
        self.values = values
        self.ttl = ttl
        super.init(scope, id)
        l1 = Route53.CfnRecordSet(
            self, "Resource", name: .lazy { CfnString(self.fullName) }, type: .lazy { CfnString(self.type.rawValue) },
            hostedZoneId: CfnString(zone.hostedZoneID), resourceRecords: .lazy { CfnList(self.values) },
            // The schema types TTL as a string, as CDK writes it.
            ttl: .lazy { CfnString(String(self.ttl)) })
    }

    /// The L1 resource (`AWS::Route53::RecordSet`); edits made through it win over this construct's values.
    public var resource: Route53.CfnRecordSet { l1 }

    /// The fully qualified name with the trailing dot.
    public var fullName: String { (recordName.map { $0 + "." } ?? "") + zone.zoneName + "." }

    /// Checks at synthesis: at least one value, a TTL from 0 to 2,147,483,647 seconds, a valid record name.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if values.isEmpty { found.append(.error(node.path, "the record has no values", fix: "give at least one value")) }
        if !(0...2_147_483_647).contains(ttl) { found.append(.error(node.path, "TTL \(ttl) is not valid", fix: "use 0 to 2147483647 seconds")) }
        if let recordName, let problem = DomainNames.problem(recordName, allowWildcard: true) {
            found.append(.error(node.path, "record name \"\(recordName)\" is not valid: \(problem)", fix: "use labels of letters, digits and hyphens"))
        }
        return found
    }
}

/// DNS name rules.
public enum DomainNames {
    /// Why `name` is not a valid domain name (without the trailing dot), or `nil`.
    public static func problem(_ name: String, allowWildcard: Bool = false) -> String? {
        if name.isEmpty { return "it is empty" }
        if name.count > 253 { return "it is longer than 253 characters" }
        for (index, label) in name.split(separator: ".", omittingEmptySubsequences: false).enumerated() {
            if label.isEmpty { return "it has an empty label" }
            if label.count > 63 { return "label \"\(label)\" is longer than 63 characters" }
            if allowWildcard && index == 0 && label == "*" { continue }
            if label.hasPrefix("-") || label.hasSuffix("-") { return "label \"\(label)\" starts or ends with a hyphen" }
            if !label.unicodeScalars.allSatisfy({ IAMNames.isAlphanumeric($0) || $0 == "-" || $0 == "_" }) {
                return "label \"\(label)\" has characters other than letters, digits and hyphens"
            }
        }
        return nil
    }
}
