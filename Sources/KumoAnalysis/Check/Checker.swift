import Foundation
import KumoJSON

/// `kumo check`: runs the rule catalogue (``CheckRules``) on templates — Kumo's, AWS CDK's or hand-written —
/// offline, and optionally cross-checks Kubernetes manifests against the IRSA roles.
///
/// ```swift
/// let report = try Checker().check(TemplateLoader.load("cdk.out"))
/// print(CheckReportRenderer.text(report))
/// ```
/// Suppressions are read from the templates: a resource's `Metadata` entry `kumo:suppressions`
/// (`[{"id": "KUMO-IRSA-001", "reason": "…"}]`, what `Construct.suppress(_:reason:)` writes) or cdk-nag's
/// `cdk_nag.rules_to_suppress`, and the template's own `Metadata.kumo:suppressions` for every resource.
public struct Checker: Sendable {
    /// The EKS issuer URL to use for deploy-time cluster issuers in the manifest cross-check (`--issuer`);
    /// `nil` uses ``placeholderIssuer(region:)``.
    public var issuerURL: String?
    /// Template texts by file name, for templates not (yet) on disk: used to find line numbers.
    public var sources: [String: String]
    /// The day (`YYYY-MM-DD`, UTC) the lifecycle rules compare their dates with; default: today.
    public var today: String

    public init(issuerURL: String? = nil, sources: [String: String] = [:], today: String? = nil) {
        self.issuerURL = issuerURL
        self.sources = sources
        self.today = today ?? Checker.currentDay()
    }

    /// Today's date in UTC, `YYYY-MM-DD`.
    public static func currentDay() -> String {
        String(ISO8601.format(Date().timeIntervalSince1970.rounded(.down)).prefix(10))
    }

    /// The issuer the manifest cross-check substitutes for a cluster's deploy-time issuer when none is given: any
    /// concrete value works, since trusts only compare the issuer with itself.
    public static func placeholderIssuer(region: String?) -> String {
        "https://oidc.eks.\(region ?? "us-east-1").amazonaws.com/id/00000000000000000000000000000000"
    }

    /// Checks templates, and with `manifests` the ServiceAccount ↔ IRSA cross-check.
    public func check(_ templates: [CloudTemplate], manifests: KubernetesManifests? = nil) throws(ReaderError) -> CheckReport {
        var findings: [Finding] = []
        var models: [IAMModel] = []
        var eksModels: [EKSModel] = []
        var lineIndexes: [String: LineIndex] = [:]
        for template in templates {
            let model = try IAMModel(template)
            let eks = try EKSModel(template)
            models.append(model)
            eksModels.append(eks)
            let lines = LineIndex(file: template.file, text: sources[template.file], template: template)
            lineIndexes[template.name] = lines
            let context = TemplateCheck(template: template, model: model, eks: eks, lines: lines, today: today, issuerURL: issuerURL)
            findings += context.run()
        }
        findings += IRSARules.sharedSubjects(models) { model, logicalID in
            lineIndexes[model.template.name].map { TemplateCheck.location(model.template, logicalID, $0) } ?? .init()
        }
        if let manifests {
            findings += ServiceAccountCrossCheck(models: models, eksModels: eksModels, manifests: manifests, issuerURL: issuerURL) { model, logicalID in
                lineIndexes[model.template.name].map { TemplateCheck.location(model.template, logicalID, $0) } ?? .init()
            }.run()
        }
        findings = Suppressions.apply(to: findings, templates: templates, lineIndexes: lineIndexes)
        return CheckReport(
            findings: findings.sorted(by: CheckReport.order), stacks: templates.map { .init(name: $0.name, file: $0.file) },
            roles: models.reduce(0) { $0 + $1.roles.count }, managedPolicies: models.reduce(0) { $0 + $1.managedPolicies.count },
            providers: models.reduce(0) { $0 + $1.providers.count }, manifests: manifests?.files.count)
    }
}

/// The rules that look at one template.
struct TemplateCheck {
    let template: CloudTemplate
    let model: IAMModel
    let eks: EKSModel
    let lines: LineIndex
    /// The day lifecycle dates are compared with (``Checker/today``).
    let today: String
    /// The EKS issuer given on the command line (fixes then print concrete keys).
    var issuerURL: String? = nil

    static func location(_ template: CloudTemplate, _ logicalID: String, _ lines: LineIndex) -> Finding.Location {
        Finding.Location(
            file: template.file, line: lines.line(of: logicalID), stack: template.name, logicalID: logicalID,
            constructPath: template.resources[logicalID]?.constructPath)
    }

    func location(_ logicalID: String) -> Finding.Location { Self.location(template, logicalID, lines) }

    var region: String? { template.environment.region }

    /// A resolved string made readable (`<EKSCluster issuer>:sub`).
    func display(_ text: String) -> String { template.display(text) }

    func run() -> [Finding] {
        var findings: [Finding] = []
        for role in model.roles {
            findings += TrustRules.check(role, self)
            findings += PodIdentityRules.trust(role, self)
        }
        findings += PodIdentityRules.associations(self)
        findings += LifecycleRules.check(self)
        for provider in model.providers {
            findings += GitHubRules.thumbprints(provider, self)
        }
        findings += PolicyRules.check(self)
        return findings
    }
}

/// Finds the line of each resource in a template file (cheaply: the first line, after the `Resources` key, that
/// starts with the logical ID as a key).
struct LineIndex: Sendable {
    private var lines: [String: Int] = [:]

    init(file: String, text given: String? = nil, template: CloudTemplate) {
        var text: String
        if let given {
            text = given
        } else {
            guard let data = FileManager.default.contents(atPath: file), data.count < 50_000_000 else { return }
            text = String(decoding: data, as: UTF8.self)
        }
        var wanted = Set(template.resources.keys)
        var found: [String: Int] = [:]
        text.withUTF8 { bytes in
            var inResources = false
            var number = 0
            var start = 0
            while start <= bytes.count, !wanted.isEmpty {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                number += 1
                var first = start
                while first < end, bytes[first] == UInt8(ascii: " ") || bytes[first] == UInt8(ascii: "\t") { first += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[first..<end])
                if !inResources {
                    inResources = Self.hasPrefix(line, "\"Resources\"") || Self.hasPrefix(line, "Resources:")
                } else if let key = Self.key(line), wanted.remove(key) != nil {
                    found[key] = number
                }
                start = end + 1
            }
        }
        lines = found
    }

    private static func hasPrefix(_ line: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard line.count >= count else { return false }
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: count)
        for i in 0..<count where line[i] != p[i] { return false }
        return true
    }

    /// The key a line starts: `"Key":` (JSON) or `Key:` (YAML, letters and digits only).
    private static func key(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        if line.first == UInt8(ascii: "\"") {
            var close = 1
            while close < line.count, line[close] != UInt8(ascii: "\"") { close += 1 }
            guard close < line.count else { return nil }
            var after = close + 1
            while after < line.count, line[after] == UInt8(ascii: " ") { after += 1 }
            guard after < line.count, line[after] == UInt8(ascii: ":") else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: line[1..<close]), as: UTF8.self)
        }
        var colon = 0
        while colon < line.count, line[colon] != UInt8(ascii: ":") {
            let b = line[colon]
            let alphanumeric = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            guard alphanumeric else { return nil }
            colon += 1
        }
        guard colon > 0, colon < line.count else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
    }

    func line(of logicalID: String) -> Int? { lines[logicalID] }
}
