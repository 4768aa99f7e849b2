import Crypto

/// AWS CDK's logical-ID algorithm, reproduced exactly, so that resources keep the logical IDs (and therefore
/// their identity in deployed stacks) they had under CDK.
///
/// For the path of an element relative to its stack:
/// 1. components named `Default` are dropped;
/// 2. a single remaining component becomes the ID as is, minus non-alphanumerics (no hash);
/// 3. otherwise the ID is a human part, the components minus `Resource` and minus consecutive duplicates
///    (a component is dropped when the previously kept one ends with it), non-alphanumerics removed, cut to
///    240 characters; followed by the first 8 hex digits, upper-cased, of the MD5 of the components joined
///    with `/` (`Resource` included).
public enum LogicalIDs {
    static let hiddenID = "Default"
    static let hiddenFromHumanID = "Resource"
    static let maxHumanLength = 240
    static let maxIDLength = 255

    /// The logical ID for a path relative to its stack (`["RoleGithub", "Resource"]` → `RoleGithubFF1A0E31`).
    public static func make(_ components: [String]) -> String {
        let visible = components.filter { $0 != hiddenID }
        precondition(!visible.isEmpty, "cannot derive a logical ID from an empty path")
        if visible.count == 1 {
            let candidate = removeNonAlphanumeric(visible[0])
            if candidate.count <= maxIDLength { return candidate }
        }
        var kept: [String] = []
        for component in visible where kept.last.map({ !$0.hasSuffix(component) }) ?? true {
            kept.append(component)
        }
        let human = kept.filter { $0 != hiddenFromHumanID }.map(removeNonAlphanumeric).joined()
        return String(human.prefix(maxHumanLength)) + pathHash(visible)
    }

    /// CDK's `Names.uniqueId`: the same algorithm over the full path, stack ID included
    /// (`MyEKSStack/EKSCluster/ClusterSecurityGroup` → `MyEKSStackEKSClusterClusterSecurityGroup19D80242`).
    public static func uniqueID(_ construct: Construct) -> String {
        make(construct.node.pathComponents)
    }

    /// The full lower-case MD5 hex digest of a UTF-8 string.
    public static func md5Hex(_ text: String) -> String {
        Insecure.MD5.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func pathHash(_ components: [String]) -> String {
        String(md5Hex(components.joined(separator: "/")).prefix(8)).uppercased()
    }

    static func removeNonAlphanumeric(_ s: String) -> String {
        String(s.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
    }

    /// Whether `id` is a valid CloudFormation logical ID (`^[A-Za-z0-9]{1,255}$`).
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.count <= maxIDLength && removeNonAlphanumeric(id) == id
    }
}
