import ArgumentParser
import Foundation
import Kumo
import KumoAnalysis

/// `kumo init`: a new Swift package for a user's own app, built on Kumo.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a Swift package for your own app: a stack written with Kumo, its command line and its trust tests.",
        discussion: """
            Writes into DIR (default: the current directory), which must be new or empty (a `.git` of an empty \
            repository may be there): Package.swift, Sources/NAME/main.swift (an executable that calls \
            KumoCommand.main(app:)), stacks/ (the app, and a stack with GitHub's OpenID Connect provider, an ECR \
            repository and the role GitHub Actions pushes images with), Tests/ (who can assume the role and who \
            cannot, with KumoTesting), README.md and .gitignore. Then: `swift run NAME synth` and `swift test`.

            Kumo has no published URL yet, so by default the package depends on the Kumo checkout this kumo was built \
            from, by path. --kumo-path names another checkout (a relative path is written relative to DIR); \
            --kumo-url a Git repository, with --kumo-version (default: this kumo's version).

            On any error (a non-empty DIR, an invalid name) nothing is written; the message goes to standard error, \
            with exit code 2.
            """
    )

    @Argument(help: "The package's directory, new or empty (created if needed).")
    var directory: String = "."

    @Option(help: ArgumentHelp(
        "The package and executable name (default: DIR's name): ASCII letters, digits, '-' and '_', starting with a letter.",
        valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Depend on the Kumo checkout at PATH (default: the checkout this kumo was built from).", valueName: "path"))
    var kumoPath: String?

    @Option(help: ArgumentHelp("Depend on Kumo from a Git URL (with --kumo-version) instead of a checkout.", valueName: "url"))
    var kumoURL: String?

    @Option(help: ArgumentHelp("The least Kumo version for --kumo-url (default: \(KumoVersion.current)).", valueName: "version"))
    var kumoVersion: String?

    @Option(help: ArgumentHelp("The GitHub repository whose workflows on main may push images (default: my-org/NAME).", valueName: "owner/repo"))
    var githubRepository: String?

    @Flag(name: .shortAndLong, help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        let current = FileManager.default.currentDirectoryPath
        let target = URL(fileURLWithPath: directory, relativeTo: URL(fileURLWithPath: current, isDirectory: true)).standardizedFileURL
        do {
            let project = try ProjectName(name ?? target.lastPathComponent)
            let kumo = try KumoDependency.resolve(
                path: kumoPath, url: kumoURL, version: kumoVersion, packageDirectory: target.path, currentDirectory: current)
            if target.lastPathComponent.lowercased() == kumo.identity {
                throw InputError("""
                    error: the package directory \(target.lastPathComponent) has the name of Kumo's package (\(kumo.identity)); \
                    SwiftPM identifies packages by their directory's name
                      fix: choose another directory name
                    """)
            }
            let repository = githubRepository ?? "my-org/\(project.name)"
            do {
                _ = try WebIdentityClaims.githubActions(repository: repository, issuedAt: 0)
            } catch {
                throw InputError("error: --github-repository: \(error.description)")
            }
            try ProjectWriter.checkTarget(target)
            let files = ProjectFiles(name: project, kumo: kumo, gitHubRepository: repository).files
            try ProjectWriter.write(files, to: target)
            guard !quiet else { return }
            Output.out("Created \(project.name) in \(target.path), with \(kumo.summary):")
            for file in files { Output.out("  \(file.path)") }
            let cd = target.path == current ? "" : "cd \(directory) && "
            Output.out("Next: \(cd)swift run \(project.name) synth && swift test")
        } catch let error as InputError {
            throw error.exit()
        }
    }
}
