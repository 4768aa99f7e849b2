import ArgumentParser
import Foundation
import Kumo
import KumoAnalysis
import KumoMigration

/// `kumo diff OLD [NEW]`: an IAM-aware template diff for code review.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two templates or assemblies: who gains access to what, and what gets replaced.",
        discussion: """
            OLD and NEW are CloudFormation templates (JSON or YAML) or cloud-assembly directories (Kumo's or \
            AWS CDK's cdk.out); stacks are paired by name. With NEW omitted, OLD is compared with a fresh \
            synthesis of the app's stacks (for example `kumo diff cdk.out`).

            Intrinsic functions are resolved symbolically, so templates that say the same thing differently \
            (CDK's CfnJson conditions, Kumo's Fn::Sub documents) compare equal. The IAM section comes first: \
            every change to a trust policy, managed policy attachment, inline or managed policy, classified \
            as broadening, narrowing, review (undecidable; treated as broadening by --fail-on) or same access. \
            Then resources (added, removed, modified with property paths, replacement warnings from \
            CloudFormation's create-only properties), other template sections, and the CDK resources Kumo \
            replaces with native ones. CDK metadata, asset hashes and bootstrap checks are hidden unless \
            --strict.

            Exit codes: 0 no change; 1 changes; 3 with --fail-on broadening, when an IAM change broadens \
            access or needs review; 2 invalid input (a message on standard error).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case broadening
    }

    @Argument(help: "The old side: a template file or a cloud-assembly directory.")
    var old: String

    @Argument(help: "The new side (default: a fresh synthesis of the app's stacks).")
    var new: String?

    @Option(help: "Output format: text (colours on a terminal, not with NO_COLOR), markdown (a PR comment) or json (docs/diff-json-schema.md).")
    var format: Format = .text

    @Flag(help: "Show CDK metadata, asset hashes and bootstrap checks as changes instead of hiding them.")
    var strict = false

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit with 3 when an IAM change broadens access (or cannot be decided).", valueName: "broadening"))
    var failOn: FailOn?

    @Option(name: .shortAndLong, help: "Compare only this stack (repeatable).")
    var stack: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp("A context value for the fresh synthesis (repeatable; as in kumo synth).", valueName: "key=value"))
    var context: [String] = []

    func run() throws {
        if PlanDirectory.isPlan(old) {
            // A kumo migrate plan: each step against the one before.
            guard new == nil else { throw InputError("error: \(old) is a kumo migrate plan: kumo diff compares its steps, each with the one before; give it alone").exit() }
            try PlanDiff(path: old, format: format, strict: strict, failOnBroadening: failOn == .broadening).run()
        }
        let oldStacks: [CloudTemplate], newStacks: [CloudTemplate]
        if let new {
            // Both sides are read at once (on two cores).
            let (a, b) = Parallel.both({ () -> Result<[CloudTemplate], ReaderError> in
                Result { () throws(ReaderError) in try TemplateLoader.load(old, note: { Output.err("note: " + $0) }) }
            }, { () -> Result<[CloudTemplate], ReaderError> in
                Result { () throws(ReaderError) in try TemplateLoader.load(new, note: { Output.err("note: " + $0) }) }
            })
            oldStacks = try reported(a)
            newStacks = try reported(b)
        } else {
            oldStacks = try reported(Result { () throws(ReaderError) in try TemplateLoader.load(old, note: { Output.err("note: " + $0) }) })
            newStacks = try synthesize()
        }
        let selected = try select(oldStacks, newStacks)
        let diff: TemplateDiff
        do {
            diff = try TemplateDiff.compare(old: selected.old, new: selected.new, options: .init(strict: strict))
        } catch {
            Output.err("error: \(error)")
            throw ExitCode.inputError
        }
        switch format {
        case .text: Output.out(TextRenderer(colors: Output.isTerminal).render(diff))
        case .markdown:
            var text = MarkdownRenderer().render(diff)
            if text.hasSuffix("\n") { text.removeLast() }
            Output.out(text)
        case .json: Output.out(JSONRenderer().render(diff).serialized(.indented(2)))
        }
        let status: Int32 = failOn == .broadening && diff.hasBroadening ? 3 : diff.hasChanges ? 1 : 0
        // Exit here: freeing two large parsed templates is wasted work for a process that ends now.
        withExtendedLifetime((oldStacks, newStacks, diff)) { Foundation.exit(status) }
    }

    /// The stacks read, or the reader's error on standard error and exit code 2.
    private func reported(_ result: Result<[CloudTemplate], ReaderError>) throws -> [CloudTemplate] {
        switch result {
        case .success(let stacks): return stacks
        case .failure(let error):
            Output.err("error: \(error)")
            throw ExitCode.inputError
        }
    }

    /// The app's stacks, synthesized in memory (nothing is written).
    private func synthesize() throws -> [CloudTemplate] {
        let app = try AppRegistry.shared.makeApp(context: try ContextArguments.parse(context))
        let assembly: CloudAssembly
        do {
            assembly = try app.synthesize()
        } catch {
            Output.err(error.description)
            throw ExitCode.inputError
        }
        var templates: [CloudTemplate] = []
        for artifact in assembly.stacks {
            do {
                templates.append(
                    try CloudTemplate(json: artifact.template, name: artifact.name, file: "(synthesized) \(artifact.templateFile)",
                                      environment: artifact.environment))
            } catch {
                Output.err("error: \(error)")
                throw ExitCode.inputError
            }
        }
        return templates
    }

    /// The stacks named with `--stack` (each must exist on one side at least).
    private func select(_ old: [CloudTemplate], _ new: [CloudTemplate]) throws -> (old: [CloudTemplate], new: [CloudTemplate]) {
        guard !stack.isEmpty else { return (old, new) }
        for name in stack where !old.contains(where: { $0.name == name }) && !new.contains(where: { $0.name == name }) {
            let known = Set((old + new).map(\.name)).sorted().joined(separator: ", ")
            Output.err("error: no stack named \"\(name)\" on either side (stacks: \(known))")
            throw ExitCode.inputError
        }
        return (old.filter { stack.contains($0.name) }, new.filter { stack.contains($0.name) })
    }
}
