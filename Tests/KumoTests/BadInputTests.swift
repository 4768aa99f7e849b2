import Foundation
import Testing
@testable import Kumo

/// Bad stack definitions fail synthesis with errors that name the construct path and the fix.
@Suite struct BadInputTests {
    @Test func duplicateConstructIDs() {
        let errors = synthesisErrors { stack in
            Repository(stack, "Images", name: "a1")
            Repository(stack, "Images", name: "b1")
        }
        #expect(errors.count == 1)
        #expect(errors[0].path == "TestStack/Images")
        #expect(errors[0].message == "duplicate construct ID \"Images\" in scope TestStack")
        #expect(errors[0].fix?.contains("unique within their scope") == true)
    }

    @Test(arguments: [("a", false), ("ab", true), ("team/app-web", true), ("a__b", true), ("a___b", false), ("a--b", true),
                      ("Upper", false), ("-ab", false), ("ab/", false), ("a.b_c/d-e", true), (String(repeating: "a", count: 257), false)])
    func ecrRepositoryNames(name: String, valid: Bool) {
        #expect(Repository.isValidName(name) == valid)
        let errors = synthesisErrors { stack in Repository(stack, "R", name: name) }
        #expect(errors.isEmpty == valid)
        if !valid { #expect(errors.first?.message.contains("ECR repository name") == true) }
    }

    @Test func crossStackReferencesAreRejected() {
        let app = App()
        let env = Stack.Environment(account: "123456789012", region: "ap-northeast-1")
        let images = Stack(app, "Images", environment: env)
        let access = Stack(app, "Access", environment: env)
        let repository = Repository(images, "Repo", name: "repo")
        ManagedPolicy(access, "Pull", name: "pull") { Statement.allow("ecr:BatchGetImage", on: repository.arn) }
        #expect {
            _ = try app.synthesize()
        } throws: { error in
            let e = (error as? SynthesisError)?.errors.first
            return e?.path == "Access/Pull" && e?.message.contains("references Images/Repo/Resource, which belongs to stack Images") == true
                && e?.fix?.contains("create both constructs in stack Access") == true
        }
    }

    @Test func everyErrorIsReportedAtOnce() {
        let errors = synthesisErrors { stack in
            Role(stack, "A", name: "bad name", assumedBy: .service("ec2.amazonaws.com"))
            ManagedPolicy(stack, "B", name: "b") {}
            Repository(stack, "C", name: "UPPER")
        }
        #expect(Set(errors.map(\.path)) == ["TestStack/A", "TestStack/B", "TestStack/C"])
    }

    @Test func nothingIsWrittenWhenSynthesisFails() throws {
        let app = App()
        let stack = Stack(app, "S")
        Role(stack, "R", name: "bad name", assumedBy: .service("ec2.amazonaws.com"))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-\(UUID().uuidString)")
        do {
            try app.synthesize().write(to: dir.path)
            Issue.record("synthesis should fail")
        } catch {}
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }

    @Test func writingReplacesAnAssemblyAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-\(UUID().uuidString)")
        let make = { (name: String) throws -> CloudAssembly in
            let app = App()
            Repository(Stack(app, name), "R", name: "repo")
            return try app.synthesize()
        }
        try make("First").write(to: dir.path)
        try make("Second").write(to: dir.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["Second.template.json", "cdk.out", "manifest.json", "tree.json"])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: dir.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(dir.lastPathComponent + ".tmp-") || $0.contains(dir.lastPathComponent + ".old-") })
    }

    @Test func refusesToReplaceADirectoryThatIsNotAnAssembly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "keep me".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let app = App()
        Repository(Stack(app, "S"), "R", name: "repo")
        #expect(throws: AssemblyWriteError.self) { try app.synthesize().write(to: dir.path) }
        #expect(try String(contentsOf: dir.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
    }

    @Test func invalidStackNamesAndEmptyStacks() {
        let app = App()
        Stack(app, "1bad_name")
        #expect {
            _ = try app.synthesize()
        } throws: { error in
            let messages = (error as? SynthesisError)?.errors.map(\.message) ?? []
            return messages.contains { $0.contains("not a valid CloudFormation stack name") } && messages.contains("the stack has no resources")
        }
    }
}
