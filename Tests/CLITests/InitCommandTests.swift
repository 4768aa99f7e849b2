import Foundation
import Testing

/// `kumo init`: what it writes, and the inputs it refuses (exit 2, a message on standard error, nothing written).
/// That the package it writes builds, synthesizes and passes its tests is scripts/test-init.
@Suite struct InitCommandTests {
    static func files(in directory: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    @Test func writesThePackage() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["init", "my-infra", "--kumo-path", CLI.root.path], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let app = dir.appendingPathComponent("my-infra")
        #expect(Self.files(in: app) == [
            ".gitignore", "Package.swift", "README.md", "Sources/my-infra/main.swift", "Tests/MyInfraTests/TrustTests.swift",
            "stacks/App.swift", "stacks/MyInfraStack.swift",
        ])
        let identity = CLI.root.lastPathComponent.lowercased()
        let manifest = try String(contentsOf: app.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(".package(path: \"\(CLI.root.path)\")"))
        #expect(manifest.contains(".product(name: \"KumoCLI\", package: \"\(identity)\")"))
        #expect(manifest.contains(".product(name: \"KumoTesting\", package: \"\(identity)\")"))
        #expect(manifest.contains(#".executableTarget(\#n            name: "my-infra","#))
        let main = try String(contentsOf: app.appendingPathComponent("Sources/my-infra/main.swift"), encoding: .utf8)
        #expect(main.contains("KumoCommand.main(app: { context in MyInfra.makeApp(context: context) })"))
        let stack = try String(contentsOf: app.appendingPathComponent("stacks/MyInfraStack.swift"), encoding: .utf8)
        #expect(stack.contains("OpenIDConnectProvider(") && stack.contains("Repository(") && stack.contains(".webIdentity(github)"))
        let appFile = try String(contentsOf: app.appendingPathComponent("stacks/App.swift"), encoding: .utf8)
        #expect(appFile.contains(#"gitHubRepository = "my-org/my-infra""#))
        let readme = try String(contentsOf: app.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("swift run my-infra synth") && readme.contains("swift test"))
        let gitignore = try String(contentsOf: app.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(Set(gitignore.split(separator: "\n")).isSuperset(of: [".build/", "Package.resolved", "cdk.out/"]))
        #expect(run.stdout.contains("Next: cd my-infra && swift run my-infra synth && swift test"))
    }

    @Test func aRelativeKumoPathIsWrittenRelativeToThePackage() throws {
        let dir = CLI.temporaryDirectory()
        let kumo = dir.appendingPathComponent("vendor/kumo")
        try FileManager.default.createDirectory(at: kumo, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Package.swift"), to: kumo.appendingPathComponent("Package.swift"))
        let run = try CLI.run(["init", "apps/web", "--kumo-path", "vendor/kumo", "-q"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let manifest = try String(contentsOf: dir.appendingPathComponent("apps/web/Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(path: "../../vendor/kumo")"#))
        #expect(manifest.contains(#".product(name: "Kumo", package: "kumo")"#))
    }

    /// Without --kumo-path or --kumo-url: the checkout this kumo was built from (Kumo has no published URL yet).
    @Test func byDefaultTheCheckoutKumoWasBuiltFrom() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["init", "--name", "ops", "-q"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try String(contentsOf: dir.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(manifest.contains(".package(path: \"\(CLI.root.path)\")"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Sources/ops/main.swift").path))
    }

    @Test func byURLAndVersion() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["init", "svc", "--kumo-url", "https://git.example.com/platform/Kumo.git", "--kumo-version", "0.3.1", "-q"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try String(contentsOf: dir.appendingPathComponent("svc/Package.swift"), encoding: .utf8)
        #expect(manifest.contains(#".package(url: "https://git.example.com/platform/Kumo.git", from: "0.3.1")"#))
        #expect(manifest.contains(#".product(name: "Kumo", package: "kumo")"#))
    }

    /// A fresh clone of an empty repository holds only `.git`: that is empty enough.
    @Test func anEmptyDirectoryOrOneWithOnlyGitIsAccepted() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        let run = try CLI.run(["init", "repo", "-q", "--github-repository", "acme/repo"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.files(in: dir.appendingPathComponent("repo")).contains("stacks/RepoStack.swift"))
        let appFile = try String(contentsOf: dir.appendingPathComponent("repo/stacks/App.swift"), encoding: .utf8)
        #expect(appFile.contains(#"gitHubRepository = "acme/repo""#))
    }

    @Test(arguments: [
        (["init", "app", "--name", "1app"], "is not a valid app name"),
        (["init", "app", "--name", "my app"], "is not a valid app name"),
        (["init", "app", "--name", "app-"], "is not a valid app name"),
        (["init", "app", "--name", "ünïcode"], "is not a valid app name"),
        (["init", "app", "--name", String(repeating: "a", count: 65)], "is not a valid app name"),
        (["init", "app", "--name", "kumo"], "is the name of a module of Kumo's package graph"),
        (["init", "app", "--name", "Yams"], "is the name of a module of Kumo's package graph"),
        (["init", "app", "--name", "KumoCLI"], "is the name of a module of Kumo's package graph"),
        (["init", "app", "--name", "kumo_bench"], "is the name of a module of Kumo's package graph"),
        (["init", "app", "--kumo-path", "/nonexistent"], "is not a Kumo checkout"),
        (["init", "app", "--kumo-path", "/tmp", "--kumo-url", "https://example.com/kumo.git"], "are exclusive"),
        (["init", "app", "--kumo-version", "1.0.0"], "--kumo-version applies to --kumo-url"),
        (["init", "app", "--kumo-url", "https://example.com/kumo.git", "--kumo-version", "v1"], "is not a semantic version"),
        (["init", "app", "--github-repository", "no-slash"], "is not a GitHub repository"),
        (["init", "app", "--bogus"], "Unknown option"),
    ])
    func badInputExitsTwoAndWritesNothing(arguments: [String], message: String) throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(arguments, in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aNonEmptyDirectoryIsLeftAsItWas() throws {
        let dir = CLI.temporaryDirectory()
        try "mine".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["init", "--name", "app"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("refusing to write into \(dir.standardizedFileURL.path): it is not empty (notes.txt)"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }

    /// A directory whose name is Kumo's package identity (SwiftPM identifies packages by directory name).
    @Test func aDirectoryNamedLikeKumosPackageIsRefused() throws {
        let dir = CLI.temporaryDirectory()
        let run = try CLI.run(["init", CLI.root.lastPathComponent, "--name", "app", "--kumo-path", CLI.root.path], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("has the name of Kumo's package"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// A failure while writing (here: the directory would be inside a regular file) leaves nothing behind, not
    /// even the staging directory.
    @Test func aFailedWriteLeavesNothing() throws {
        let dir = CLI.temporaryDirectory()
        try "x".write(to: dir.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["init", "file/app", "--kumo-path", CLI.root.path], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("nothing was written"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["file"])
    }

    @Test func helpSaysWhereKumoComesFrom() throws {
        let run = try CLI.run(["init", "--help"])
        #expect(run.status == 0)
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Kumo has no published URL yet, so by default the package depends on the Kumo checkout this kumo was built from"))
        #expect(text.contains("--kumo-path <path>") && text.contains("--kumo-url <url>") && text.contains("--name <name>"))
    }
}
