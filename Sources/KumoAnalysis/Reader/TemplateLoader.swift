import Foundation
import KumoJSON

/// Reads templates from disk: a template file (JSON or YAML), or a cloud-assembly directory (Kumo's or AWS
/// CDK's `cdk.out`: the stacks listed in `manifest.json`, with their environments).
public enum TemplateLoader {
    /// The stacks at `path`, in manifest (or file-name) order.
    public static func load(_ path: String) throws(ReaderError) -> [CloudTemplate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReaderError(file: path, "no such file or directory")
        }
        return isDirectory.boolValue ? try loadAssembly(path) : [try loadFile(path)]
    }

    /// One template file; the stack name is the file name without `.template.json` / `.json` / `.yaml`.
    public static func loadFile(_ path: String, name: String? = nil, environment: CloudTemplate.Environment = .init()) throws(ReaderError) -> CloudTemplate {
        let text = try readText(path)
        let json = try parse(text, file: path)
        let stackName = name ?? stackName(fromFile: path)
        let template = try CloudTemplate(json: json, name: stackName, file: path, environment: environment)
        if let cycle = DependencyGraph(template).cycle() {
            throw ReaderError(file: path, "cyclic references between resources: \(cycle.joined(separator: " → "))")
        }
        return template
    }

    /// Parses template text: JSON when it starts with `{`, YAML (with CloudFormation's short-form tags) otherwise.
    public static func parse(_ text: String, file: String) throws(ReaderError) -> JSON {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            do {
                return try JSON(parsing: text)
            } catch {
                throw ReaderError(file: file, "invalid JSON: \(error)")
            }
        }
        return try YAMLTemplate.json(from: text, file: file)
    }

    private static func loadAssembly(_ directory: String) throws(ReaderError) -> [CloudTemplate] {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".template.json") && !$0.hasSuffix(".nested.template.json") }.sorted()
            if files.isEmpty {
                throw ReaderError(file: directory, "not a cloud assembly: no manifest.json and no *.template.json")
            }
            var templates: [CloudTemplate] = []
            for file in files { templates.append(try loadFile((directory as NSString).appendingPathComponent(file))) }
            return templates
        }
        let manifest: JSON
        do {
            manifest = try JSON(parsing: try readText(manifestPath))
        } catch let error as ReaderError {
            throw error
        } catch {
            throw ReaderError(file: manifestPath, "invalid JSON: \(error)")
        }
        guard case .object(let artifacts)? = manifest["artifacts"] else {
            throw ReaderError(file: manifestPath, "manifest.json has no artifacts")
        }
        var templates: [CloudTemplate] = []
        for (id, artifact) in artifacts where artifact["type"]?.stringValue == "aws:cloudformation:stack" {
            guard let templateFile = artifact["properties"]?["templateFile"]?.stringValue else {
                throw ReaderError(file: manifestPath, location: "artifacts.\(id)", "a stack artifact without properties.templateFile")
            }
            let environment = artifact["environment"]?.stringValue.map(CloudTemplate.Environment.init(assemblyName:)) ?? .init()
            let name = artifact["properties"]?["stackName"]?.stringValue ?? artifact["displayName"]?.stringValue ?? id
            templates.append(try loadFile((directory as NSString).appendingPathComponent(templateFile), name: name, environment: environment))
        }
        if templates.isEmpty { throw ReaderError(file: manifestPath, "the assembly has no stacks") }
        return templates
    }

    private static func readText(_ path: String) throws(ReaderError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReaderError(file: path, "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReaderError(file: path, "the file is not UTF-8 text")
        }
        return text
    }

    static func stackName(fromFile path: String) -> String {
        var name = (path as NSString).lastPathComponent
        for suffix in [".template.json", ".template.yaml", ".template.yml", ".json", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return name
    }
}
