import Foundation
import KumoAnalysis
import KumoJSON
import Testing

/// The weak and correct trust and permission templates of `Tests/Fixtures/policy-review` (also what
/// `scripts/compare-peers` gives checkov, parliament and cfn-lint): every weakness is flagged by its rule, and no
/// correct template gets any finding.
@Suite struct PolicyReviewFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fixtures/policy-review").standardized

    static let expected: JSON = {
        let text = (try? String(contentsOf: root.appendingPathComponent("expected.json"), encoding: .utf8)) ?? "{}"
        return (try? JSON(parsing: text)) ?? [:]
    }()

    static var weak: [String] { (expected["weak"]?.objectValue ?? [:]).keys.sorted() }
    static var correct: [String] { (expected["correct"]?.arrayValue ?? []).compactMap(\.stringValue) }

    static func report(_ directory: String, _ name: String) throws -> CheckReport {
        let path = root.appendingPathComponent(directory).appendingPathComponent(name + ".json").path
        return try Checker(today: "2026-12-03").check(TemplateLoader.load(path))
    }

    @Test func theSetHasThirtyWeaknessesAndSevenCorrectTemplates() {
        #expect(Self.weak.count == 30)
        #expect(Self.correct.count == 7)
    }

    @Test(arguments: weak) func eachWeaknessIsFlaggedByItsRule(_ name: String) throws {
        let rule = try #require(Self.expected["weak"]?[name]?.stringValue)
        let report = try Self.report("weak", name)
        #expect(report.active.contains { $0.rule.id == rule && $0.severity >= .warning }, "\(name): \(report.active.map(\.rule.id))")
    }

    @Test(arguments: correct) func correctTemplatesGetNoFinding(_ name: String) throws {
        let report = try Self.report("correct", name)
        #expect(report.active.isEmpty, "\(name): \(report.active.map { "\($0.rule.id): \($0.message)" })")
    }
}
