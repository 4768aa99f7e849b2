import Foundation
import KumoAnalysis
import KumoJSON
import Testing
@testable import KumoMigration

/// A plan written to disk reads back the same, and an edit that breaks its structure is an input error.
@Suite struct PlanDirectoryTests {
    typealias F = MigrationFixture

    func temporary() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-migrate-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func written() throws -> String {
        let (bundle, target) = try F.plan()
        let report = PlanVerifier.verify(bundle, target: target)
        let directory = temporary()
        try PlanDirectory.write(bundle, runbook: RunbookRenderer().render(bundle.plan, report: report), into: directory)
        return (directory as NSString).appendingPathComponent("MyEKSStack")
    }

    @Test func aWrittenPlanReadsBackAndVerifiesAlike() throws {
        let (bundle, _) = try F.plan()
        let directory = try written()
        let read = try PlanDirectory.read(directory)
        #expect(read.count == 1)
        let again = read[0].bundle
        #expect(again.plan.steps.map(\.name) == bundle.plan.steps.map(\.name))
        #expect(again.plan.physicalValues == bundle.plan.physicalValues)
        #expect(Set(again.documents.keys) == Set(bundle.documents.keys))
        for (path, document) in bundle.documents { #expect(again.documents[path]?.semanticallyEquals(document) == true, "\(path)") }
        #expect(again.files == bundle.files)
        #expect(PlanVerifier.verify(again).violations.isEmpty)
        // The parent directory reads too, and plan.json has the fields tools rely on.
        #expect(try PlanDirectory.read((directory as NSString).deletingLastPathComponent).count == 1)
        let plan = try JSON(parsing: String(contentsOfFile: directory + "/plan.json", encoding: .utf8))
        #expect(plan["stack"] == "MyEKSStack")
        let steps = try #require(plan["steps"]?.arrayValue)
        #expect(steps[1]["name"] == "retain" && steps[1]["kind"] == "update" && steps[1]["template"] == "01-retain.template.json")
        #expect(steps[3]["resourcesToImport"] == "03-import.resources-to-import.json")
        #expect(steps[0]["commands"]?.arrayValue?.isEmpty == false)
        #expect(FileManager.default.fileExists(atPath: directory + "/RUNBOOK.md"))
    }

    /// Edits `plan.json` of a written plan, and returns the error reading it.
    func readError(_ edit: (inout JSON) -> Void, files: [String: String] = [:]) throws -> String? {
        let directory = try written()
        var plan = try JSON(parsing: String(contentsOfFile: directory + "/plan.json", encoding: .utf8))
        edit(&plan)
        try plan.serialized(.cdkManifest).write(toFile: directory + "/plan.json", atomically: true, encoding: .utf8)
        for (path, text) in files { try text.write(toFile: directory + "/" + path, atomically: true, encoding: .utf8) }
        do {
            _ = try PlanDirectory.read(directory)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func editsThatBreakThePlansStructureAreInputErrors() throws {
        func editStep(_ index: Int, _ key: String, _ value: JSON?) -> (inout JSON) -> Void {
            { plan in
                var steps = plan["steps"]!.arrayValue!
                steps[index] = steps[index].setting([key], value)
                plan = plan.setting(["steps"], .array(steps))
            }
        }
        #expect(try readError(editStep(1, "kind", "upgrade"))?.contains("steps[1].kind: must be update, import or command (is \"upgrade\")") == true)
        #expect(try readError(editStep(1, "template", "../../etc/passwd"))?.contains("must be a path relative to plan.json, inside the plan directory") == true)
        #expect(try readError(editStep(1, "template", "missing.template.json"))?.contains("missing.template.json: no such file") == true)
        #expect(try readError(editStep(3, "resourcesToImport", nil))?.contains("an import step needs its --resources-to-import file") == true)
        #expect(try readError(editStep(2, "name", "retain"))?.contains("retain appears twice") == true)
        #expect(try readError({ $0 = $0.setting(["formatVersion"], 7) })?.contains("formatVersion: must be 1") == true)
        #expect(try readError({ _ in }, files: ["02-orphan.template.json": "{\"Resources\": "])?.contains("invalid JSON") == true)
        #expect(try readError({ _ in }, files: ["03-import.resources-to-import.json": "{}"])?.contains("must be a JSON list") == true)
    }

    @Test func aDirectoryThatIsNoPlanIsNeverReplaced() throws {
        let (bundle, _) = try F.plan()
        let directory = temporary()
        try FileManager.default.createDirectory(atPath: directory + "/MyEKSStack", withIntermediateDirectories: true)
        try "mine".write(toFile: directory + "/MyEKSStack/notes.txt", atomically: true, encoding: .utf8)
        #expect { try PlanDirectory.write(bundle, runbook: "", into: directory) } throws: { ($0 as? MigrationError)?.message.contains("refusing to replace") == true }
        #expect(try String(contentsOfFile: directory + "/MyEKSStack/notes.txt", encoding: .utf8) == "mine")
        #expect { try PlanDirectory.read(directory + "/MyEKSStack") } throws: { ($0 as? MigrationError)?.message.contains("is not a plan directory") == true }
    }
}
