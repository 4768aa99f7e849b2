import ArgumentParser
import Foundation
import Kumo

/// `kumo synth`: the app's stacks → a cloud assembly directory.
struct Synth: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize the app's stacks into a cloud assembly (CloudFormation templates).",
        discussion: """
            Writes <output>/<Stack>.template.json (or .template.yaml with --format yaml) for each stack, plus \
            manifest.json, tree.json and cdk.out (AWS CDK's cloud-assembly layout, without bootstrap or asset \
            requirements). Each template deploys with plain `aws cloudformation deploy --template-file \
            <output>/<Stack>.template.json --stack-name <Stack> --capabilities CAPABILITY_NAMED_IAM`.

            The output is deterministic (same stacks, same bytes) and written atomically: on any error \
            nothing is written and an existing assembly stays as it was. Errors name the construct path \
            and the fix; they go to standard error, with exit code 2.
            """
    )

    @Option(name: .shortAndLong, help: "The directory to write the assembly to.")
    var output: String = "cdk.out"

    @Option(name: .shortAndLong, help: "Synthesize only this stack (repeatable).")
    var stack: [String] = []

    @Option(name: .customShort("c"), help: ArgumentHelp(
        "Set a context value (repeatable). The value is JSON if it parses as JSON, else a string. Keys may contain '=' "
            + "(CDK's lookup keys do): the value then starts after the last '=' followed by a JSON list or object, e.g. "
            + "-c 'availability-zones:account=123456789012:region=ap-northeast-1=[\"ap-northeast-1a\",\"ap-northeast-1c\"]'.",
        valueName: "key=value"))
    var context: [String] = []

    @Option(help: ArgumentHelp(
        "The templates' language: json (AWS CDK's layout, <Stack>.template.json) or yaml (<Stack>.template.yaml, "
            + "CloudFormation YAML with the short-form tags !Ref, !GetAtt, !Sub, ...; deterministic, and read back "
            + "by every kumo command).",
        valueName: "json|yaml"))
    var format: TemplateFormat = .json

    @Flag(help: ArgumentHelp(
        "Write templates without indentation. CloudFormation takes templates of up to 51,200 bytes inline "
            + "(aws cloudformation deploy --template-file); larger ones need --s3-bucket."))
    var compact = false

    @Flag(name: .shortAndLong, help: "Print no summary on success (warnings and notes still go to standard error).")
    var quiet = false

    @Flag(help: "Do not run kumo check's rules on the templates (by default error findings stop synthesis; warnings go to standard error).")
    var noChecks = false

    func validate() throws {
        if compact && format == .yaml {
            throw ValidationError("--compact applies to JSON templates; YAML templates are always written in block style (use --format json --compact for the smallest template)")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        let contextValues = try ContextArguments.parse(context)
        let app = try AppRegistry.shared.makeApp(context: contextValues)
        var assembly: CloudAssembly
        do {
            assembly = try app.synthesize(stacks: stack.isEmpty ? nil : stack)
        } catch {
            for diagnostic in error.diagnostics where diagnostic.severity == .warning {
                Output.err(diagnostic.description)
            }
            Output.err(error.description)
            throw ExitCode.inputError
        }
        for diagnostic in assembly.diagnostics where diagnostic.severity != .error {
            Output.err(diagnostic.description)
        }
        if compact { assembly.templateLayout = .compact }
        assembly.templateFormat = format
        if !noChecks { try SynthChecks.run(assembly, output: output) }
        for stack in assembly.stacks where stack.templateSize(assembly.templateLayout) > CloudAssembly.inlineTemplateLimit {
            let size = stack.templateSize(assembly.templateLayout)
            let compactSize = stack.template.serializedBytes(.compact).count
            let fix = !compact && compactSize <= CloudAssembly.inlineTemplateLimit
                ? "synthesize with \(format == .yaml ? "--format json " : "")--compact (\(compactSize) bytes), or deploy with --s3-bucket"
                : "deploy with aws cloudformation deploy --s3-bucket BUCKET (templates up to 1 MB)"
            Output.err("note: \(stack.templateFile) is \(size) bytes, over the \(CloudAssembly.inlineTemplateLimit) bytes CloudFormation takes inline: \(fix)")
        }
        do {
            try assembly.write(to: output)
        } catch {
            Output.err("error: \(error)")
            throw ExitCode.inputError
        }
        guard !quiet else { return }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        Output.out("Synthesized \(assembly.stacks.count) stack\(assembly.stacks.count == 1 ? "" : "s") to \(output)/ in \(String(format: "%.3f", seconds)) s")
        for stack in assembly.stacks {
            Output.out(StackSummary(stack: stack, directory: output, layout: assembly.templateLayout).line)
        }
    }
}

extension TemplateFormat: ExpressibleByArgument {}

/// `-c key=value` arguments.
///
/// Keys may themselves contain `=` (AWS CDK's lookup keys, `availability-zones:account=…:region=…`): when
/// the text after some `=` is a JSON array or object, the last such `=` separates key and value;
/// otherwise the first `=` does.
enum ContextArguments {
    static func parse(_ arguments: [String]) throws(ValidationError) -> [String: JSON] {
        var values: [String: JSON] = [:]
        for argument in arguments {
            let separators = argument.indices.filter { argument[$0] == "=" && $0 != argument.startIndex }
            guard let first = separators.first else {
                throw ValidationError("context must be key=value, got \"\(argument)\"")
            }
            var split = first
            for candidate in separators.reversed() {
                let raw = argument[argument.index(after: candidate)...]
                if let json = try? JSON(parsing: String(raw)), json.arrayValue != nil || json.objectValue != nil {
                    split = candidate
                    break
                }
            }
            let key = String(argument[..<split])
            let raw = String(argument[argument.index(after: split)...])
            values[key] = (try? JSON(parsing: raw)) ?? .string(raw)
        }
        return values
    }
}

/// The one-line summary of a synthesized stack.
struct StackSummary {
    let stack: CloudAssembly.StackArtifact
    let directory: String
    let layout: JSONLayout

    var line: String {
        var counts: [String: Int] = [:]
        for (_, resource) in stack.template["Resources"]?.objectValue ?? [:] {
            let type = resource["Type"]?.stringValue ?? "?"
            counts[type.split(separator: ":").last.map(String.init) ?? type, default: 0] += 1
        }
        let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(4).map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let bytes = stack.templateSize(layout)
        return "  \(stack.name)  \(stack.resourceCount) resources (\(top)\(counts.count > 4 ? ", …" : ""))  "
            + "\(bytes) bytes  \(directory)/\(stack.templateFile)"
    }
}
