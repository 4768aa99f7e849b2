import ArgumentParser
import Foundation
import KumoAnalysis
import KumoJSON
import KumoMigration

/// `kumo resolve`: a template's resources and outputs as CloudFormation evaluates them, as JSON.
struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Print a template's resource properties and outputs as CloudFormation evaluates them (JSON).",
        discussion: """
            Reads a cloud assembly (Kumo's or AWS CDK's cdk.out) or a template file (JSON or YAML) and prints, for \
            each stack, every resource's properties and every output's value with the intrinsic functions \
            evaluated: Ref, Fn::GetAtt, Fn::Sub (trust and permission documents written as JSON text stay text, \
            as CloudFormation passes them), Fn::Join, Fn::Select, Fn::Split, Fn::If and the conditions, \
            Fn::FindInMap, Fn::GetAZs, Fn::Base64; AWS::NoValue drops the member. Parameters take their \
            --parameter value or their default.

            With --physical-ids (the JSON the AWS CLI prints, as kumo migrate takes it):
              aws cloudformation describe-stack-resources --stack-name STACK > resources.json
              aws eks describe-cluster --name CLUSTER > cluster.json
            the deployed resources' physical IDs and attributes (ARNs, the EKS cluster's OIDC issuer) take the \
            place of the references to them, and the stack ID gives the account and region: the output is what \
            AWS received. A value known only at deploy time is shown as <...> (<EKSCluster issuer>, \
            <AWS::AccountId>), and the path of each such value is listed under "unknown" (below the resource's \
            Properties, or Value of an output).

            Output (schemaVersion 1): {"schemaVersion": 1, "stacks": [{"name", "file", "account", "region", \
            "resources": {ID: {"type", "condition", "created", "properties", "unknown"}}, "outputs": {ID: \
            {"value", "unknown"}}}]}; "condition" and "created" only for a resource with a Condition (created: \
            true, false, or null when the condition depends on deploy-time values; a resource not created has \
            no properties).

            Exit codes: 0 resolved; 2 invalid input (unreadable path, invalid template, a --parameter the \
            template does not declare or does not allow, physical IDs of another stack) — nothing is written.
            """
    )

    @Argument(help: ArgumentHelp("A cloud assembly directory or a template file.", valueName: "assembly|template"))
    var path: String = "cdk.out"

    @Option(name: .shortAndLong, help: "Only this stack (for a template file: the stack's name in AWS, which the physical IDs name).")
    var stack: String?

    @Option(name: .customLong("physical-ids"), help: ArgumentHelp("describe-stack-resources, list-stack-resources or describe-cluster output, or a directory of them (repeatable).", valueName: "file"))
    var physicalIDs: [String] = []

    @Option(name: .customLong("parameter"), help: ArgumentHelp("A parameter value (repeatable; a list type takes comma-separated values).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSON to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if let bad = parameters.first(where: { !$0.contains("=") || $0.hasPrefix("=") }) {
            throw ValidationError("--parameter takes KEY=VALUE, got \"\(bad)\"")
        }
    }

    func run() throws {
        let given = Dictionary(parameters.map { entry in
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }) { _, last in last }
        let stacks: [JSON]
        do {
            let templates = try selected(try load())
            if !physicalIDs.isEmpty && templates.count > 1 {
                throw MigrationError("--physical-ids describe one stack; \(path) has \(templates.count) (\(templates.map(\.name).joined(separator: ", ")))",
                                     fix: "choose it with --stack NAME")
            }
            let files = try PhysicalIDInputs.read(physicalIDs)
            stacks = try templates.map { template throws in try ResolvedStack.render(template, physicalIDFiles: files, parameters: given) }
        } catch let error as MigrationError {
            throw InputError("error: \(error)").exit()
        } catch let error as ReaderError {
            throw InputError("error: \(error)").exit()
        }
        let text = Symbol.readable(JSON.object(["schemaVersion": 1, "stacks": .array(stacks)]).serialized(.indented(2)))
        guard let output else { return Output.out(text) }
        do {
            try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw InputError("error: cannot write \(output): \(error.localizedDescription)").exit()
        }
    }

    private func load() throws(ReaderError) -> [CloudTemplate] {
        var isDirectory: ObjCBool = false
        if let stack, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            return [try TemplateLoader.loadFile(path, name: stack)]
        }
        return try TemplateLoader.load(path, note: { Output.err("note: " + $0) })
    }

    private func selected(_ templates: [CloudTemplate]) throws(MigrationError) -> [CloudTemplate] {
        guard let stack else { return templates }
        let matching = templates.filter { $0.name == stack }
        if matching.isEmpty {
            throw MigrationError("\(path) has no stack \(stack) (its stacks: \(templates.map(\.name).joined(separator: ", ")))")
        }
        return matching
    }
}

/// One stack of `kumo resolve`'s output.
enum ResolvedStack {
    static func render(_ template: CloudTemplate, physicalIDFiles: [PhysicalIDFile], parameters given: [String: String]) throws -> JSON {
        let values = physicalIDFiles.isEmpty ? nil : try PhysicalValuesBuilder.build(DeployedStack(template: template), files: physicalIDFiles)
        let parameters = try DeployedTemplate.parameterValues(template, given: given)
        let bound = try DeployedTemplate.bind(template, values: values, parameters: parameters)
        let resolver = Resolver(bound)
        var resources = JSONObject()
        for (id, resource) in bound.resources {
            var entry: JSONObject = ["type": .string(resource.type)]
            if let condition = resource.condition {
                let created = try resolver.evaluateCondition(named: condition, at: "Resources.\(id).Condition")
                entry["condition"] = .string(condition)
                entry["created"] = created.map(JSON.bool) ?? .null
                if created == false {
                    resources[id] = .object(entry)
                    continue
                }
            }
            let properties = try resolver.resolve(.object(resource.properties), at: "Resources.\(id).Properties") ?? .object([:])
            entry["properties"] = properties
            entry["unknown"] = .array(unknownPaths(properties).map(JSON.string))
            resources[id] = .object(entry)
        }
        var outputs = JSONObject()
        for (id, output) in bound.outputs {
            guard let value = output["Value"] else { continue }
            let resolved = try resolver.resolve(value, at: "Outputs.\(id).Value") ?? .null
            outputs[id] = ["value": resolved, "unknown": .array(unknownPaths(resolved, at: "Value").map(JSON.string))]
        }
        return [
            "name": .string(template.name), "file": .string(template.file),
            "account": bound.environment.account.map(JSON.string) ?? .null,
            "region": bound.environment.region.map(JSON.string) ?? .null,
            "resources": .object(resources), "outputs": .object(outputs),
        ]
    }

    /// The paths (`AssumeRolePolicyDocument`, `ManagedPolicyArns[0]`, `Tags[1].Value`; below `Properties` for a
    /// resource, from `Value` for an output) of the strings in `value` that hold a value known only at deploy time.
    static func unknownPaths(_ value: JSON, at path: String = "") -> [String] {
        switch value {
        case .string(let text):
            return Symbol.isSymbolic(text) ? [path] : []
        case .array(let items):
            return items.enumerated().flatMap { unknownPaths($1, at: "\(path)[\($0)]") }
        case .object(let members):
            return members.flatMap { key, member in unknownPaths(member, at: path.isEmpty ? key : "\(path).\(key)") }
        default:
            return []
        }
    }
}
