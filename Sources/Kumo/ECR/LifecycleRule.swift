import KumoJSON

/// A rule of an ECR lifecycle policy: which images expire.
///
/// ```swift
/// LifecycleRule(maxImageCount: 1)                                   // keep only the newest image
/// LifecycleRule(tagStatus: .tagged(prefixes: ["prod"]), maxImageAgeDays: 90)
/// ```
public struct LifecycleRule: Hashable, Sendable {
    /// Which images a rule selects, by their tags.
    public enum TagStatus: Hashable, Sendable {
        /// Every image (must be the rule with the highest priority number).
        case any
        /// Images with one of these tag prefixes.
        case tagged(prefixes: [String])
        /// Images without a tag.
        case untagged

        var name: String {
            switch self {
            case .any: "any"
            case .tagged: "tagged"
            case .untagged: "untagged"
            }
        }
    }

    /// The rule's priority (lower first); rules without one are numbered after the others, `.any` last, as CDK does.
    public var priority: Int?
    /// The rule's description, shown in the console.
    public var description: String?
    /// Which images the rule selects.
    public var tagStatus: TagStatus
    /// Expire images beyond this many (newest kept).
    public var maxImageCount: Int?
    /// Expire images pushed more than this many days ago.
    public var maxImageAgeDays: Int?

    /// A rule expiring the images `tagStatus` selects beyond `maxImageCount` or older than `maxImageAgeDays` (give exactly one).
    public init(
        priority: Int? = nil, description: String? = nil, tagStatus: TagStatus = .any, maxImageCount: Int? = nil,
        maxImageAgeDays: Int? = nil
    ) {
        self.priority = priority
        self.description = description
        self.tagStatus = tagStatus
        self.maxImageCount = maxImageCount
        self.maxImageAgeDays = maxImageAgeDays
    }

    /// Problems with the rule, or none.
    var problems: [String] {
        var found: [String] = []
        if (maxImageCount == nil) == (maxImageAgeDays == nil) {
            found.append("a lifecycle rule needs exactly one of maxImageCount and maxImageAgeDays")
        }
        if let count = maxImageCount, count < 1 { found.append("maxImageCount must be at least 1") }
        if let days = maxImageAgeDays, days < 1 { found.append("maxImageAgeDays must be at least 1") }
        if case .tagged(let prefixes) = tagStatus, prefixes.isEmpty {
            found.append("a tagged lifecycle rule needs at least one tag prefix")
        }
        return found
    }

    /// Priorities as CDK assigns them: explicit ones kept; rules without one numbered after the highest
    /// explicit priority, in order; `any` rules last.
    static func prioritized(_ rules: [LifecycleRule]) -> [LifecycleRule] {
        let explicit = rules.filter { $0.priority != nil && $0.tagStatus != .any }
        let automatic = rules.filter { $0.priority == nil && $0.tagStatus != .any }
        let anyRules = rules.filter { $0.tagStatus == .any }
        var next = (explicit.compactMap(\.priority).max() ?? 0) + 1
        return (explicit + automatic + anyRules).map { rule in
            var copy = rule
            if copy.priority == nil {
                copy.priority = next
                next += 1
            }
            return copy
        }
    }

    /// The rule as ECR's lifecycle policy JSON (CDK's key order).
    var json: JSON {
        var selection: JSONObject = ["tagStatus": .string(tagStatus.name)]
        if case .tagged(let prefixes) = tagStatus { selection["tagPrefixList"] = .array(prefixes.map(JSON.string)) }
        if let days = maxImageAgeDays {
            selection["countType"] = "sinceImagePushed"
            selection["countNumber"] = .number(Double(days))
            selection["countUnit"] = "days"
        } else {
            selection["countType"] = "imageCountMoreThan"
            selection["countNumber"] = .number(Double(maxImageCount ?? 0))
        }
        var rule: JSONObject = ["rulePriority": .number(Double(priority ?? 0))]
        if let description { rule["description"] = .string(description) }
        rule["selection"] = .object(selection)
        rule["action"] = ["type": "expire"]
        return .object(rule)
    }
}
