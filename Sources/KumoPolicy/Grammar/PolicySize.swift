import KumoJSON

/// Policy size as IAM measures it against its quotas: characters, not counting whitespace.
public enum PolicySize {
    /// Role trust policy length, default quota.
    public static let trustPolicyDefaultQuota = 2_048
    /// Role trust policy length, maximum after a quota increase.
    public static let trustPolicyMaximumQuota = 4_096
    /// Customer managed policy document.
    public static let managedPolicyQuota = 6_144
    /// All inline policies of a role, together.
    public static let roleInlinePoliciesQuota = 10_240
    /// All inline policies of a user, together.
    public static let userInlinePoliciesQuota = 2_048
    /// All inline policies of a group, together.
    public static let groupInlinePoliciesQuota = 5_120

    /// The number of characters (Unicode scalars) of a policy text. With `excludingWhitespace`, JSON's
    /// insignificant whitespace (space, tab, line feed, carriage return *between* tokens) is not counted.
    /// Whitespace *inside* string values is counted: AWS does not document whether it strips it, and counting
    /// it can only over-estimate, so a size check never passes a policy IAM would reject for size.
    public static func characterCount(_ text: String, excludingWhitespace: Bool = true) -> Int {
        guard excludingWhitespace else { return text.unicodeScalars.count }
        var count = 0
        var inString = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if inString {
                count += 1
                if escaped {
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar == "\"" {
                    inString = false
                }
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r": continue
            case "\"": inString = true
            default: break
            }
            count += 1
        }
        return count
    }

    /// The size of a policy as it would be sent in compact form (no insignificant whitespace).
    public static func characterCount(_ json: JSON) -> Int {
        json.serialized(.compact).unicodeScalars.count
    }
}
