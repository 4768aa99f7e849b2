import Foundation
import Kumo
import KumoAnalysis
import Testing

/// A synthesized (or any) CloudFormation template under test, with AWS CDK-style assertions that record Swift
/// Testing issues with a structural diff, and trust evaluation (``trust(of:issuer:at:clockSkew:clientIDs:)``).
///
/// ```swift
/// let template = try Template(stack: stack)            // or Template(file: "cdk.out.sample")
/// template.resourceCountIs("AWS::IAM::OIDCProvider", 2)
/// template.hasResourceProperties("AWS::IAM::Role", ["RoleName": "role-github", "Path": "/"])
/// ```
///
/// Assertions record an issue at the caller's source location and return a ``MatchResult`` (discardable), so
/// a failing assertion says which resource came closest and how it differs. Queries (``findResources(_:_:)``,
/// ``resourceCount(of:)``) record nothing.
public struct Template: Sendable {
    /// The template document.
    public let json: JSON
    /// The template as KumoAnalysis reads it (resources, construct paths, environment).
    public let cloudTemplate: CloudTemplate

    /// The stack name.
    public var name: String { cloudTemplate.name }

    /// Synthesizes `stack` (only it) with its app.
    public init(stack: Stack) throws(TemplateError) {
        guard let app = stack.node.root as? App else { throw TemplateError("the stack \(stack.stackName) is not in an App") }
        let assembly: CloudAssembly
        do {
            assembly = try app.synthesize(stacks: [stack.stackName])
        } catch {
            throw TemplateError(error.description)
        }
        guard let artifact = assembly.stack(stack.stackName) else { throw TemplateError("synthesis produced no stack \(stack.stackName)") }
        try self.init(
            json: artifact.template, name: artifact.name,
            environment: artifact.environment)
    }

    /// A template document.
    public init(json: JSON, name: String = "Template", environment: CloudTemplate.Environment = .init()) throws(TemplateError) {
        do {
            cloudTemplate = try CloudTemplate(json: json, name: name, file: name + ".template.json", environment: environment)
        } catch {
            throw TemplateError(error.description)
        }
        self.json = json
    }

    /// A template file (JSON or YAML) or a cloud-assembly directory (Kumo's or AWS CDK's `cdk.out`, with its
    /// environment); `stack` picks one stack of an assembly (the only one by default).
    public init(file path: String, stack: String? = nil) throws(TemplateError) {
        let templates: [CloudTemplate]
        do {
            templates = try TemplateLoader.load(path)
        } catch {
            throw TemplateError(error.description)
        }
        let chosen: CloudTemplate
        if let stack {
            guard let found = templates.first(where: { $0.name == stack }) else {
                throw TemplateError("\(path) has no stack \(stack); its stacks: \(templates.map(\.name).joined(separator: ", "))")
            }
            chosen = found
        } else {
            guard templates.count == 1 else {
                throw TemplateError("\(path) has \(templates.count) stacks (\(templates.map(\.name).joined(separator: ", "))): pass stack:")
            }
            chosen = templates[0]
        }
        cloudTemplate = chosen
        json = chosen.json
    }

    /// A template from JSON (or YAML) text.
    public init(text: String, name: String = "Template") throws(TemplateError) {
        let json: JSON
        do {
            json = try TemplateLoader.parse(text, file: name)
        } catch {
            throw TemplateError(error.description)
        }
        try self.init(json: json, name: name)
    }

    /// AWS CDK's spelling of ``init(stack:)``.
    public static func fromStack(_ stack: Stack) throws(TemplateError) -> Template { try Template(stack: stack) }
    /// AWS CDK's spelling of ``init(json:name:environment:)``.
    public static func fromJSON(_ json: JSON) throws(TemplateError) -> Template { try Template(json: json) }
    /// AWS CDK's spelling of ``init(text:name:)``.
    public static func fromString(_ text: String) throws(TemplateError) -> Template { try Template(text: text) }

    /// The same template with every intrinsic function evaluated (deploy-time values shown as
    /// `<EKSCluster issuer>`, `<AWS::AccountId>`…) and policy documents written as JSON strings (`Fn::Sub`
    /// trust documents, CDK's `CfnJson` conditions) parsed: assertions then see what IAM will see, whichever
    /// way a tool wrote it.
    public func resolved() throws(TemplateError) -> Template {
        let resolver = Resolver(cloudTemplate)
        var top = json.objectValue ?? [:]
        var resources = JSONObject()
        for (id, resource) in cloudTemplate.resources {
            var entry = resource.json.objectValue ?? [:]
            if !resource.properties.isEmpty {
                var properties = JSONObject()
                for (name, _) in resource.properties {
                    do {
                        if let value = try resolver.property(id, name) {
                            properties[name] = Self.parsingPolicyDocuments(cloudTemplate.display(value), key: name)
                        }
                    } catch {
                        throw TemplateError(error.description)
                    }
                }
                entry["Properties"] = .object(properties)
            }
            resources[id] = .object(entry)
        }
        top["Resources"] = .object(resources)
        if case .object(let outputs)? = top["Outputs"] {
            var resolvedOutputs = JSONObject()
            for (id, output) in outputs {
                var entry = output.objectValue ?? [:]
                if let value = output["Value"] {
                    do {
                        entry["Value"] = try resolver.resolve(value, at: "Outputs.\(id).Value").map(cloudTemplate.display) ?? .null
                    } catch {
                        throw TemplateError(error.description)
                    }
                }
                resolvedOutputs[id] = .object(entry)
            }
            top["Outputs"] = .object(resolvedOutputs)
        }
        return try Template(json: .object(top), name: name, environment: cloudTemplate.environment)
    }

    private static let policyDocumentKeys: Set<String> = ["AssumeRolePolicyDocument", "PolicyDocument", "RepositoryPolicyText", "KeyPolicy"]

    private static func parsingPolicyDocuments(_ value: JSON, key: String?) -> JSON {
        switch value {
        case .string(let text) where key.map(policyDocumentKeys.contains) == true:
            if let parsed = try? JSON(parsing: text), case .object = parsed { return parsed }
            return value
        case .object(let members):
            return .object(JSONObject(uniqueKeysWithValues: members.map { ($0.key, parsingPolicyDocuments($0.value, key: $0.key)) }))
        case .array(let items):
            return .array(items.map { parsingPolicyDocuments($0, key: nil) })
        default:
            return value
        }
    }

    // MARK: - Queries

    /// The resources, by logical ID.
    public var resources: JSONObject { json["Resources"]?.objectValue ?? [:] }

    /// The number of resources of `type`.
    public func resourceCount(of type: String) -> Int {
        resources.values.filter { $0["Type"]?.stringValue == type }.count
    }

    /// The resources of `type` (by logical ID, in template order) whose `Properties` match `properties`
    /// (all of them when `nil`), matched as ``Match/objectLike(_:)``.
    public func findResources(_ type: String, _ properties: Match? = nil) -> JSONObject {
        var found = JSONObject()
        for (id, resource) in resources where resource["Type"]?.stringValue == type {
            if let properties, !Self.test(properties, resource["Properties"] ?? .object([:]), partial: true).matched { continue }
            found[id] = resource
        }
        return found
    }

    /// The outputs whose ID is `id` (`"*"`: any) and whose entry matches `pattern` (objectLike).
    public func findOutputs(_ id: String = "*", _ pattern: Match? = nil) -> JSONObject {
        find(section: "Outputs", id, pattern)
    }

    /// The parameters whose ID is `id` (`"*"`: any) and whose entry matches `pattern` (objectLike).
    public func findParameters(_ id: String = "*", _ pattern: Match? = nil) -> JSONObject {
        find(section: "Parameters", id, pattern)
    }

    private func find(section: String, _ id: String, _ pattern: Match?) -> JSONObject {
        var found = JSONObject()
        for (key, entry) in json[section]?.objectValue ?? [:] where id == "*" || key == id {
            if let pattern, !Self.test(pattern, entry, partial: true).matched { continue }
            found[key] = entry
        }
        return found
    }

    static func test(_ pattern: Match, _ value: JSON?, partial: Bool) -> MatchReport {
        var matcher = Matcher()
        matcher.test(pattern, value, path: [], partial: partial)
        return MatchReport(target: value, mismatches: matcher.mismatches, captures: matcher.captures)
    }

    // MARK: - Assertions

    /// Asserts that the template has exactly `count` resources of `type`.
    @discardableResult
    public func resourceCountIs(_ type: String, _ count: Int, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        let found = resourceCount(of: type)
        guard found != count else { return MatchResult(passed: true, matched: Array(findResources(type).keys)) }
        let ids = findResources(type).keys
        return fail("expected \(count) resource\(count == 1 ? "" : "s") of type \(type), found \(found)\(ids.isEmpty ? "" : ": " + ids.joined(separator: ", "))", sourceLocation)
    }

    /// Asserts that some resource of `type` has `Properties` matching `properties` (objectLike: other
    /// properties are ignored; use ``Match/exact(_:)`` or ``Match/objectEquals(_:)`` for exact matching).
    @discardableResult
    public func hasResourceProperties(_ type: String, _ properties: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertResources(type, properties, atProperties: true, expectation: .some, sourceLocation)
    }

    /// Asserts that some resource of `type` matches `pattern` as a whole (`Type`, `Properties`, `DependsOn`,
    /// `DeletionPolicy`, `Metadata`…; objectLike).
    @discardableResult
    public func hasResource(_ type: String, _ pattern: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertResources(type, pattern, atProperties: false, expectation: .some, sourceLocation)
    }

    /// Asserts that every resource of `type` (at least one) has `Properties` matching `properties`.
    @discardableResult
    public func allResourcesProperties(_ type: String, _ properties: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertResources(type, properties, atProperties: true, expectation: .all, sourceLocation)
    }

    /// Asserts that exactly `count` resources of `type` have `Properties` matching `properties`.
    @discardableResult
    public func resourcePropertiesCountIs(_ type: String, _ properties: Match, _ count: Int, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertResources(type, properties, atProperties: true, expectation: .count(count), sourceLocation)
    }

    /// Asserts that an output `id` (`"*"`: any output) matches `pattern` (objectLike, e.g. `["Value": …]`).
    @discardableResult
    public func hasOutput(_ id: String, _ pattern: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertSection("Outputs", "output", id, pattern, sourceLocation)
    }

    /// Asserts that a parameter `id` (`"*"`: any parameter) matches `pattern` (objectLike, e.g. `["Type": "String"]`).
    @discardableResult
    public func hasParameter(_ id: String, _ pattern: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        assertSection("Parameters", "parameter", id, pattern, sourceLocation)
    }

    /// Asserts that the whole template matches `pattern` (objectLike).
    @discardableResult
    public func templateMatches(_ pattern: Match, sourceLocation: SourceLocation = #_sourceLocation) -> MatchResult {
        Self.resetCaptures(pattern)
        let report = Self.test(pattern, json, partial: true)
        guard report.matched else {
            return fail("the template does not match:\n" + Self.explain(report), sourceLocation)
        }
        Self.commit(report)
        return MatchResult(passed: true, matched: [])
    }

    private enum Expectation {
        case some, all
        case count(Int)
    }

    private func assertResources(_ type: String, _ pattern: Match, atProperties: Bool, expectation: Expectation, _ sourceLocation: SourceLocation) -> MatchResult {
        Self.resetCaptures(pattern)
        let candidates = resources.filter { $0.value["Type"]?.stringValue == type }
        var reports: [(id: String, report: MatchReport)] = []
        for (id, resource) in candidates {
            let target = atProperties ? (resource["Properties"] ?? .object([:])) : resource
            var report = Self.test(pattern, target, partial: true)
            if atProperties {
                report.mismatches = report.mismatches.map { var m = $0; m.path.insert(.key("Properties"), at: 0); return m }
                report.target = resource
            }
            reports.append((id, report))
        }
        let matching = reports.filter { $0.report.matched }
        let what = atProperties ? "properties" : "pattern"
        switch expectation {
        case .some:
            if !matching.isEmpty {
                matching.forEach { Self.commit($0.report) }
                return MatchResult(passed: true, matched: matching.map(\.id))
            }
            guard !reports.isEmpty else {
                let types = Set(resources.values.compactMap { $0["Type"]?.stringValue }).sorted()
                return fail("the template has no resource of type \(type) (its types: \(types.joined(separator: ", ")))", sourceLocation)
            }
            return fail("none of the \(reports.count) resource\(reports.count == 1 ? "" : "s") of type \(type) matches the \(what)" + closest(reports), sourceLocation)
        case .all:
            let failing = reports.filter { !$0.report.matched }
            if !reports.isEmpty && failing.isEmpty {
                matching.forEach { Self.commit($0.report) }
                return MatchResult(passed: true, matched: matching.map(\.id))
            }
            guard !reports.isEmpty else { return fail("the template has no resource of type \(type)", sourceLocation) }
            return fail("\(failing.count) of the \(reports.count) resources of type \(type) do not match the \(what)" + closest(failing, all: true), sourceLocation)
        case .count(let count):
            if matching.count == count {
                matching.forEach { Self.commit($0.report) }
                return MatchResult(passed: true, matched: matching.map(\.id))
            }
            var message = "expected \(count) resource\(count == 1 ? "" : "s") of type \(type) matching the \(what), found \(matching.count)"
            if !matching.isEmpty { message += ": " + matching.map(\.id).joined(separator: ", ") }
            if matching.count < count { message += closest(reports.filter { !$0.report.matched }) }
            return fail(message, sourceLocation)
        }
    }

    private func assertSection(_ section: String, _ noun: String, _ id: String, _ pattern: Match, _ sourceLocation: SourceLocation) -> MatchResult {
        Self.resetCaptures(pattern)
        let entries = (json[section]?.objectValue ?? [:]).filter { id == "*" || $0.key == id }
        let reports = entries.map { (id: $0.key, report: Self.test(pattern, $0.value, partial: true)) }
        let matching = reports.filter { $0.report.matched }
        if !matching.isEmpty {
            matching.forEach { Self.commit($0.report) }
            return MatchResult(passed: true, matched: matching.map(\.id))
        }
        guard !reports.isEmpty else {
            let known = (json[section]?.objectValue ?? [:]).keys
            return fail("the template has no \(noun) \(id == "*" ? "" : id + " ")(its \(noun)s: \(known.isEmpty ? "none" : known.joined(separator: ", ")))", sourceLocation)
        }
        return fail("no \(noun) \(id == "*" ? "" : id + " ")matches the pattern" + closest(reports), sourceLocation)
    }

    /// The closest candidates (fewest mismatches) with their mismatches and a structural diff.
    private func closest(_ reports: [(id: String, report: MatchReport)], all: Bool = false) -> String {
        let ranked = reports.sorted { $0.report.mismatches.count < $1.report.mismatches.count }
        let shown = all ? Array(ranked.prefix(5)) : Array(ranked.prefix(1))
        var text = ""
        for (id, report) in shown {
            let n = report.mismatches.count
            text += "\n\n\(all ? "" : "closest: ")\(id) (\(n) mismatch\(n == 1 ? "" : "es")):\n" + Self.explain(report)
        }
        if !all && ranked.count > shown.count {
            text += "\n\n(\(ranked.count - shown.count) other candidate\(ranked.count - shown.count == 1 ? "" : "s"): \(ranked.dropFirst(shown.count).map { "\($0.id) (\($0.report.mismatches.count))" }.joined(separator: ", ")))"
        }
        return text
    }

    private static func explain(_ report: MatchReport) -> String {
        report.mismatches.map { "  " + $0.description }.joined(separator: "\n") + "\n\n" + report.diff
    }

    private func fail(_ message: String, _ sourceLocation: SourceLocation) -> MatchResult {
        Issue.record(Comment(rawValue: "\(name): " + message), sourceLocation: sourceLocation)
        return MatchResult(passed: false, matched: [], message: message)
    }

    static func resetCaptures(_ pattern: Match) {
        for capture in pattern.captures { capture.reset() }
    }

    static func commit(_ report: MatchReport) {
        for (capture, value) in report.captures { capture.record(value) }
    }
}

/// The result of an assertion (already recorded as an issue when it failed).
public struct MatchResult: Sendable, CustomStringConvertible {
    /// Whether the assertion held.
    public var passed: Bool
    /// The logical IDs (or output / parameter IDs) that matched.
    public var matched: [String]
    /// The failure report (empty when the assertion held).
    public var message: String = ""

    /// `passed (<matched IDs>)`, or the failure report.
    public var description: String { passed ? "passed (\(matched.joined(separator: ", ")))" : message }
}

/// A template that cannot be synthesized, read or resolved.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What cannot be synthesized, read or resolved, and why.
    public var description: String
    /// An error with `description`.
    public init(_ description: String) { self.description = description }
}
