import KumoJSON

/// The lifecycle facts of `data/lifecycle.json` (embedded at build time, ``lifecycleDataJSON``): EKS versions,
/// retired node AMI types, Lambda runtime dates and RDS engine versions, each with its source and the day it was
/// read. Dates are `YYYY-MM-DD` (UTC) and compare as strings.
struct LifecycleData: Sendable {
    struct EKSVersion: Sendable {
        var version: String
        var endOfStandardSupport: String
        var endOfExtendedSupport: String
        var source: String
        var read: String
    }

    struct AMIType: Sendable {
        var amiType: String
        var retired: String
        var lastKubernetesVersion: String
        var successor: String
        var source: String
        var read: String
    }

    struct Runtime: Sendable {
        var deprecated: String?
        var createBlock: String?
        var updateBlock: String?
        var successor: String?
    }

    struct Engine: Sendable {
        var deprecated: Set<String>
        var creatable: [String]
    }

    var eksVersions: [EKSVersion]
    var eksRule: (text: String, source: String, read: String)
    var amiTypes: [AMIType]
    var runtimes: [String: Runtime]
    var lambdaSource: (source: String, read: String)
    var engines: [String: Engine]
    var rdsSource: (source: String, read: String)

    /// The embedded data, parsed once.
    static let shared: LifecycleData = {
        guard let json = try? JSON(parsing: lifecycleDataJSON) else { fatalError("data/lifecycle.json embedded as invalid JSON") }
        return LifecycleData(json)
    }()

    init(_ json: JSON) {
        func s(_ value: JSON?) -> String { value?.stringValue ?? "" }
        eksVersions = (json["eks"]?["versions"]?.arrayValue ?? []).map {
            EKSVersion(version: s($0["version"]), endOfStandardSupport: s($0["endOfStandardSupport"]),
                       endOfExtendedSupport: s($0["endOfExtendedSupport"]), source: s($0["source"]), read: s($0["read"]))
        }.sorted { VersionOrder.less($0.version, $1.version) }
        let rule = json["eks"]?["rules"]
        eksRule = (s(rule?["text"]), s(rule?["source"]), s(rule?["read"]))
        amiTypes = (json["nodeAMITypes"]?.arrayValue ?? []).map {
            AMIType(amiType: s($0["amiType"]), retired: s($0["retired"]), lastKubernetesVersion: s($0["lastKubernetesVersion"]),
                    successor: s($0["successor"]), source: s($0["source"]), read: s($0["read"]))
        }
        var runtimes: [String: Runtime] = [:]
        for (name, r) in json["lambda"]?["runtimes"]?.objectValue ?? [:] {
            runtimes[name] = Runtime(deprecated: r["deprecated"]?.stringValue, createBlock: r["createBlock"]?.stringValue,
                                     updateBlock: r["updateBlock"]?.stringValue, successor: r["successor"]?.stringValue)
        }
        self.runtimes = runtimes
        lambdaSource = (s(json["lambda"]?["source"]), s(json["lambda"]?["read"]))
        var engines: [String: Engine] = [:]
        for (name, e) in json["rds"]?["engines"]?.objectValue ?? [:] {
            engines[name] = Engine(
                deprecated: Set((e["deprecated"]?.arrayValue ?? []).compactMap(\.stringValue)),
                creatable: (e["creatable"]?.arrayValue ?? []).compactMap(\.stringValue).sorted(by: VersionOrder.less))
        }
        self.engines = engines
        rdsSource = (s(json["rds"]?["source"]), s(json["rds"]?["read"]))
    }
}

/// Orders versions component by component (`1.9` < `1.22`; `13.6` < `13.9` < `14.3`); non-numeric components
/// compare as text.
enum VersionOrder {
    static func components(_ version: String) -> [String] {
        version.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" }).map(String.init)
    }

    static func less(_ a: String, _ b: String) -> Bool {
        let x = components(a), y = components(b)
        for (p, q) in zip(x, y) where p != q {
            if let m = Int(p), let n = Int(q) { return m < n }
            return p < q
        }
        return x.count < y.count
    }

    /// `1.22` → `1.22`; `13.6` → major `13`.
    static func major(_ version: String) -> String { components(version).first ?? version }
}
