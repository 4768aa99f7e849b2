import Foundation
import KumoJSON

/// Reads templates from disk: a template file (JSON or YAML), or a cloud-assembly directory (Kumo's or AWS
/// CDK's `cdk.out`: the stacks listed in `manifest.json`, with their environments).
public enum TemplateLoader {
    /// The stacks at `path`, in manifest (or file-name) order.
    ///
    /// In a cloud assembly, a stack whose template has no `Resources` section (AWS CDK's integration tests write
    /// `DeployAssert` stacks with only Parameters and Rules) is skipped, as the CDK CLI skips it, and `note` is
    /// told; a template file without `Resources` given by itself stays an error.
    public static func load(_ path: String, note: (String) -> Void = { _ in }) throws(ReaderError) -> [CloudTemplate] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReaderError(file: path, "no such file or directory")
        }
        let templates = isDirectory.boolValue ? try loadAssembly(path, note: note) : [try loadFile(path)]
        for template in templates {
            for text in template.notes { note("\(template.file): \(text)") }
        }
        return templates
    }

    /// One template file; the stack name is the file name without `.template.json` / `.json` / `.yaml`.
    public static func loadFile(_ path: String, name: String? = nil, environment: CloudTemplate.Environment = .init()) throws(ReaderError) -> CloudTemplate {
        try template(parse(try readText(path), file: path), file: path, name: name, environment: environment)
    }

    /// A stack of an assembly: `nil` (and a note) when its template has no `Resources` section.
    private static func loadStack(_ path: String, name: String, environment: CloudTemplate.Environment, note: (String) -> Void) throws(ReaderError) -> CloudTemplate? {
        let json = try parse(try readText(path), file: path)
        if case .object(let top) = json, top["Resources"] == nil {
            let sections = top.keys.filter { $0 != "AWSTemplateFormatVersion" && $0 != "Description" }
            note("\(path): stack \(name) has no resources\(sections.isEmpty ? "" : " (only \(sections.joined(separator: ", ")))"): skipped, as the CDK CLI skips it")
            return nil
        }
        return try template(json, file: path, name: name, environment: environment)
    }

    private static func template(_ json: JSON, file path: String, name: String?, environment: CloudTemplate.Environment) throws(ReaderError) -> CloudTemplate {
        let stackName = name ?? stackName(fromFile: path)
        let template = try CloudTemplate(json: json, name: stackName, file: path, environment: environment)
        if let cycle = DependencyGraph(template).cycle() {
            throw ReaderError(file: path, "cyclic references between resources: \(cycle.joined(separator: " → "))")
        }
        return template
    }

    /// Parses template text: JSON when it starts with `{`, YAML (with CloudFormation's short-form tags) otherwise.
    ///
    /// Text that starts with `{` but is not strict JSON (a trailing comma, as LocalStack's and cfripper's samples
    /// have) is read as YAML, which it also is (YAML's flow mappings allow the comma): cfn-lint reads every
    /// template as YAML first. When the YAML reading fails too, the JSON error is the one reported. Duplicate
    /// keys stay refused either way.
    public static func parse(_ text: String, file: String) throws(ReaderError) -> JSON {
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            do {
                return try JSON(parsing: text)
            } catch {
                if let yaml = try? YAMLTemplate.json(from: text, file: file) { return yaml }
                throw ReaderError(file: file, "invalid JSON: \(error)")
            }
        }
        return try YAMLTemplate.json(from: text, file: file)
    }

    private static func loadAssembly(_ directory: String, note: (String) -> Void) throws(ReaderError) -> [CloudTemplate] {
        let manifestPath = (directory as NSString).appendingPathComponent("manifest.json")
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
                .filter { $0.hasSuffix(".template.json") && !$0.hasSuffix(".nested.template.json") }.sorted()
            if files.isEmpty {
                throw ReaderError(file: directory, "not a cloud assembly: no manifest.json and no *.template.json")
            }
            var templates: [CloudTemplate] = []
            for file in files {
                let path = (directory as NSString).appendingPathComponent(file)
                if let stack = try loadStack(path, name: stackName(fromFile: path), environment: .init(), note: note) { templates.append(stack) }
            }
            if templates.isEmpty { throw ReaderError(file: directory, "none of the templates has resources") }
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
        var skipped = 0
        for (id, artifact) in artifacts where artifact["type"]?.stringValue == "aws:cloudformation:stack" {
            guard let templateFile = artifact["properties"]?["templateFile"]?.stringValue else {
                throw ReaderError(file: manifestPath, location: "artifacts.\(id)", "a stack artifact without properties.templateFile")
            }
            let environment = artifact["environment"]?.stringValue.map(CloudTemplate.Environment.init(assemblyName:)) ?? .init()
            let name = artifact["properties"]?["stackName"]?.stringValue ?? artifact["displayName"]?.stringValue ?? id
            if let stack = try loadStack((directory as NSString).appendingPathComponent(templateFile), name: name, environment: environment, note: note) {
                templates.append(stack)
            } else {
                skipped += 1
            }
        }
        if templates.isEmpty {
            throw ReaderError(file: manifestPath, skipped > 0 ? "no stack of the assembly has resources" : "the assembly has no stacks")
        }
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
