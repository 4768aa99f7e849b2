import KumoJSON

/// Differences that say nothing about what gets deployed, hidden by default (`--strict` shows them):
///
/// - `aws:cdk:path` and other `aws:cdk:*` / `aws:asset:*` resource metadata;
/// - the `AWS::CDK::Metadata` resource (`CDKMetadata`) and its `CDKMetadataAvailable` condition;
/// - CDK's bootstrap check: the `BootstrapVersion` parameter and the `CheckBootstrapVersion` rule;
/// - asset parameters (`AssetParameters…` of CDK v1);
/// - asset hashes: a string value that changes only in 64-hex-digit runs (asset S3 keys, image tags).
public enum DiffNoise {
    /// The rule hiding a resource (added or removed), if any.
    static func resource(_ resource: CloudTemplate.Resource) -> String? {
        resource.type == "AWS::CDK::Metadata" ? "CDK version reporting (CDKMetadata)" : nil
    }

    /// The rule hiding a metadata entry of a resource, if any.
    static func metadata(_ key: String) -> String? {
        key.hasPrefix("aws:cdk:") || key.hasPrefix("aws:asset:") ? "CDK metadata (\(key))" : nil
    }

    /// The rule hiding an entry of a template section, if any.
    static func sectionEntry(_ section: String, _ name: String) -> String? {
        switch (section, name) {
        case ("Parameters", "BootstrapVersion"), ("Rules", "CheckBootstrapVersion"): return "CDK bootstrap check"
        case ("Parameters", _) where name.hasPrefix("AssetParameters"): return "CDK asset parameter"
        case ("Conditions", "CDKMetadataAvailable"): return "CDK version reporting (CDKMetadata)"
        default: return nil
        }
    }

    /// Whether two values differ only in asset hashes (64 hexadecimal digits).
    static func differsOnlyInAssetHashes(_ old: JSON?, _ new: JSON?) -> Bool {
        guard case .string(let a)? = old, case .string(let b)? = new, a != b else { return false }
        let ma = maskingHashes(a), mb = maskingHashes(b)
        return ma.masked && mb.masked && ma.text == mb.text
    }

    private static func maskingHashes(_ text: String) -> (text: String, masked: Bool) {
        var out = ""
        var run = ""
        var masked = false
        func flush() {
            if run.count >= 64 {
                out += "#"
                masked = true
            } else {
                out += run
            }
            run = ""
        }
        for ch in text {
            if ch.isHexDigit && (ch.isNumber || ch.isLowercase) {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return (out, masked)
    }
}
