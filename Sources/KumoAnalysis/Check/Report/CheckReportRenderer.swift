import Foundation
import KumoJSON

/// Renders a ``CheckReport``: text for people, JSON for tools, SARIF 2.1.0 for GitHub code scanning.
public enum CheckReportRenderer {
    public enum Format: String, CaseIterable, Sendable {
        case text, json, sarif
    }

    public static func render(_ report: CheckReport, as format: Format, color: Bool = false, relativeTo directory: String? = nil) -> String {
        switch format {
        case .text: text(report, color: color)
        case .json: json(report).serialized(.indented(2))
        case .sarif: sarif(report, relativeTo: directory).serialized(.indented(2))
        }
    }

    // MARK: - Text

    /// `file:line: severity[RULE] where: message`, the fix below; suppressed findings with their reason; a summary.
    public static func text(_ report: CheckReport, color: Bool = false) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines: [String] = []
        for finding in report.active {
            let word: String
            switch finding.severity {
            case .error: word = paint("error", "1;31")
            case .warning: word = paint("warning", "1;33")
            case .info: word = paint("note", "1;36")
            }
            lines.append("\(position(finding))\(word)[\(finding.rule.id)] \(finding.location.label): \(finding.message)")
            lines.append("  fix: \(finding.fix)")
        }
        if !report.suppressed.isEmpty {
            if !lines.isEmpty { lines.append("") }
            for finding in report.suppressed {
                lines.append("\(position(finding))\(paint("suppressed", "2"))[\(finding.rule.id)] \(finding.location.label): \(finding.message)")
                lines.append("  reason: \(finding.suppression?.reason ?? "")")
            }
        }
        if !lines.isEmpty { lines.append("") }
        lines.append("kumo check: \(report.scope): \(report.summary)")
        return lines.joined(separator: "\n")
    }

    private static func position(_ finding: Finding) -> String {
        guard finding.location.object == nil, let file = finding.location.file else { return "" }
        return file + (finding.location.line.map { ":\($0)" } ?? "") + ": "
    }

    // MARK: - JSON

    public static func json(_ report: CheckReport) -> JSON {
        var findings: [JSON] = []
        for finding in report.findings {
            var entry: JSONObject = [
                "rule": .string(finding.rule.id), "severity": .string(finding.severity.rawValue),
                "message": .string(finding.message), "fix": .string(finding.fix),
            ]
            let l = finding.location
            if let stack = l.stack { entry["stack"] = .string(stack) }
            if let id = l.logicalID { entry["logicalId"] = .string(id) }
            if let path = l.constructPath { entry["constructPath"] = .string(path) }
            if let object = l.object { entry["object"] = .string(object) }
            if let file = l.file { entry["file"] = .string(file) }
            if let line = l.line { entry["line"] = .number(Double(line)) }
            entry["suppressed"] = finding.suppression.map { ["reason": .string($0.reason)] } ?? .null
            findings.append(.object(entry))
        }
        let summary: JSON = [
            "stacks": .array(report.stacks.map { ["name": .string($0.name), "file": .string($0.file)] }),
            "errors": .number(Double(report.count(.error))), "warnings": .number(Double(report.count(.warning))),
            "notes": .number(Double(report.count(.info))), "suppressed": .number(Double(report.suppressed.count)),
        ]
        return ["tool": "kumo check", "summary": summary, "findings": .array(findings)]
    }

    /// The rule catalogue as JSON.
    public static func rulesJSON() -> JSON {
        .array(CheckRules.all.map {
            ["id": .string($0.id), "severity": .string($0.severity.rawValue), "family": .string($0.family.rawValue),
             "title": .string($0.title), "fix": .string($0.fix), "rationale": .string($0.rationale)]
        })
    }

    // MARK: - SARIF

    /// SARIF 2.1.0 with the rule catalogue as `tool.driver.rules`, one result per finding, locations relative to
    /// `directory` (the repository root, for GitHub code scanning), suppressed findings with `suppressions`.
    public static func sarif(_ report: CheckReport, relativeTo directory: String? = nil) -> JSON {
        let rules = CheckRules.all
        let ruleObjects: [JSON] = rules.map { rule in
            [
                "id": .string(rule.id),
                "name": .string(rule.id.replacingOccurrences(of: "-", with: "")),
                "shortDescription": ["text": .string(rule.title.replacingOccurrences(of: "`", with: ""))],
                "fullDescription": ["text": .string(rule.rationale)],
                "help": ["text": .string("Fix: " + rule.fix), "markdown": .string("**Fix:** " + rule.fix + "\n\n" + rule.rationale)],
                "defaultConfiguration": ["level": .string(level(rule.severity))],
                "properties": [
                    "tags": ["security", .string(rule.family.rawValue)],
                    "security-severity": .string(securitySeverity(rule.severity)),
                    "precision": "high",
                ],
            ]
        }
        var results: [JSON] = []
        for finding in report.findings {
            var result: JSONObject = [
                "ruleId": .string(finding.rule.id),
                "ruleIndex": .number(Double(rules.firstIndex(of: finding.rule) ?? 0)),
                "level": .string(level(finding.severity)),
                "message": ["text": .string(finding.message + "\nFix: " + finding.fix)],
            ]
            var location: JSONObject = [:]
            if let file = finding.location.file {
                var physical: JSONObject = ["artifactLocation": ["uri": .string(uri(file, relativeTo: directory))]]
                physical["region"] = ["startLine": .number(Double(finding.location.line ?? 1))]
                location["physicalLocation"] = .object(physical)
            }
            let logicalName = finding.location.object ?? finding.location.logicalID
            if let logicalName {
                var logical: JSONObject = ["name": .string(logicalName), "kind": .string(finding.location.object == nil ? "resource" : "object")]
                if let stack = finding.location.stack {
                    logical["fullyQualifiedName"] = .string(stack + "/" + (finding.location.constructPath ?? logicalName))
                }
                location["logicalLocations"] = [.object(logical)]
            }
            if !location.isEmpty { result["locations"] = [.object(location)] }
            result["partialFingerprints"] = [
                "kumoFinding/v1": .string(LogicalFingerprint.of(finding)),
            ]
            if let suppression = finding.suppression {
                result["suppressions"] = [["kind": "inSource", "justification": .string(suppression.reason)]]
            }
            results.append(.object(result))
        }
        let run: JSON = [
            "tool": [
                "driver": [
                    "name": "kumo",
                    "semanticVersion": .string(kumoCheckVersion), "rules": .array(ruleObjects),
                ],
            ],
            "results": .array(results),
            "columnKind": "unicodeCodePoints",
        ]
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        ]
    }

    /// The version `kumo check` reports in SARIF.
    public static let kumoCheckVersion = "0.1.0"

    static func level(_ severity: CheckRule.Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    static func securitySeverity(_ severity: CheckRule.Severity) -> String {
        switch severity {
        case .error: "8.0"
        case .warning: "5.0"
        case .info: "2.0"
        }
    }

    /// A file path as a SARIF URI: relative to `directory` when inside it, `file://` when absolute elsewhere.
    static func uri(_ path: String, relativeTo directory: String?) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let base = URL(fileURLWithPath: directory ?? FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if standardized.hasPrefix(base + "/") { return percentEncoded(String(standardized.dropFirst(base.count + 1))) }
        return URL(fileURLWithPath: standardized).absoluteString
    }

    static func percentEncoded(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }
}

/// A stable identity for a finding across runs (rule, stack, resource or object, message), for SARIF's
/// `partialFingerprints`: line moves do not make it a new alert.
enum LogicalFingerprint {
    static func of(_ finding: Finding) -> String {
        let text = [finding.rule.id, finding.location.stack ?? "", finding.location.logicalID ?? "", finding.location.object ?? "", finding.message]
            .joined(separator: "\u{1F}")
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100000001b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
