import Foundation
import KumoAnalysis
import KumoJSON

/// The template of the deployed stack (`--from`): a CDK cloud assembly (parent and nested templates, as
/// `cdk.out.sample/`), or templates saved with `aws cloudformation get-template` (raw, or the command's whole
/// output with its `TemplateBody`).
public struct DeployedStack: Sendable {
    public var template: CloudTemplate
    /// The nested stacks' templates, by the logical ID of their `AWS::CloudFormation::Stack`: (file name, JSON).
    public var nested: [String: (file: String, json: JSON)]

    public init(template: CloudTemplate, nested: [String: (file: String, json: JSON)] = [:]) {
        self.template = template
        self.nested = nested
    }

    /// The stacks at `path` (a file, a cloud assembly, or a directory of template files).
    public static func load(_ path: String) throws(MigrationError) -> [DeployedStack] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MigrationError("--from \(path): no such file or directory")
        }
        if isDirectory.boolValue {
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("plan.json")) {
                throw MigrationError("--from \(path) is not a deployed template: it is a kumo migrate plan directory",
                                     fix: "verify a plan with kumo migrate --verify \(path); --from takes what is deployed (a CDK cloud assembly or aws cloudformation get-template output)")
            }
            if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("manifest.json")) {
                let templates: [CloudTemplate]
                do {
                    templates = try TemplateLoader.load(path)
                } catch {
                    throw MigrationError("--from \(path) is not a deployed template: \(error)")
                }
                return templates.map { DeployedStack(template: $0, nested: nestedTemplates(of: $0, in: path)) }
            }
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
                .filter { ($0.hasSuffix(".json") || $0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.contains(".nested.") }.sorted()
            if files.isEmpty { throw MigrationError("--from \(path) is not a deployed template: the directory holds no template files") }
            var stacks: [DeployedStack] = []
            for file in files {
                let template = try loadFile((path as NSString).appendingPathComponent(file))
                stacks.append(DeployedStack(template: template, nested: nestedTemplates(of: template, in: path)))
            }
            return stacks
        }
        let template = try loadFile(path)
        return [DeployedStack(template: template, nested: nestedTemplates(of: template, in: (path as NSString).deletingLastPathComponent))]
    }

    /// One template file, raw or as `get-template` prints it.
    static func loadFile(_ path: String) throws(MigrationError) -> CloudTemplate {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw MigrationError("--from \(path): cannot read the file as UTF-8 text")
        }
        var json: JSON
        do {
            json = try TemplateLoader.parse(text, file: path)
        } catch {
            throw MigrationError("--from \(path) is not a deployed template: \(error)")
        }
        // `aws cloudformation get-template` prints {"TemplateBody": {...} or "...", "StagesAvailable": [...]}.
        if let body = json["TemplateBody"] {
            if let inner = body.stringValue {
                do {
                    json = try TemplateLoader.parse(inner, file: path + " (TemplateBody)")
                } catch {
                    throw MigrationError("--from \(path) is not a deployed template: \(error)")
                }
            } else {
                json = body
            }
        }
        do {
            return try CloudTemplate(json: json, name: stackName(path), file: path)
        } catch {
            throw MigrationError("--from \(path) is not a deployed template: \(error)")
        }
    }

    private static func stackName(_ path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }

    /// The nested templates a CDK template names in `aws:asset:path` metadata, found beside it.
    private static func nestedTemplates(of template: CloudTemplate, in directory: String) -> [String: (file: String, json: JSON)] {
        var nested: [String: (file: String, json: JSON)] = [:]
        for resource in template.resources(ofType: "AWS::CloudFormation::Stack") {
            guard let file = resource.metadata["aws:asset:path"]?.stringValue, !file.contains("/") else { continue }
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path), let json = try? JSON(parsing: [UInt8](data)) else { continue }
            nested[resource.logicalID] = (file, json)
        }
        return nested
    }
}
