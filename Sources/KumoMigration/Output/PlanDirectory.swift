import Foundation
import KumoAnalysis
import KumoJSON

/// A plan on disk: `DIR/<Stack>/plan.json`, `RUNBOOK.md`, the step templates, the `--resources-to-import`
/// file, the deployed templates (`00-deployed/`) and the Kubernetes manifests of the steps that apply them.
public enum PlanDirectory {
    /// Writes `bundle` (with `runbook`) into `directory/<Stack>/` atomically: every file goes to a private
    /// sibling directory, which then replaces the stack's directory in one rename. A non-empty directory that
    /// holds no `plan.json` is never replaced.
    public static func write(_ bundle: PlanBundle, runbook: String, into directory: String) throws(MigrationError) {
        let fm = FileManager.default
        let parent = URL(fileURLWithPath: directory).standardizedFileURL
        let target = parent.appendingPathComponent(bundle.plan.stack)
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: parent.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw MigrationError("\(directory) exists and is not a directory; choose another --output")
        }
        let exists = fm.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw MigrationError("\(target.path) exists and is not a directory; choose another --output")
        }
        if exists, let contents = try? fm.contentsOfDirectory(atPath: target.path), !contents.isEmpty, !contents.contains("plan.json") {
            throw MigrationError("refusing to replace \(target.path): it is not empty and holds no plan.json (not a kumo migrate plan)",
                                 fix: "choose an empty or new directory for --output")
        }
        var files: [(String, String)] = [("plan.json", PlanJSON.encode(bundle.plan).serialized(.cdkManifest) + "\n"), ("RUNBOOK.md", runbook)]
        for (path, document) in bundle.documents.sorted(by: { $0.key < $1.key }) {
            let text = path.hasSuffix(".resources-to-import.json") ? document.serialized(.cdkManifest) + "\n" : document.serialized(.cdkTemplate)
            files.append((path, text))
        }
        for (path, text) in bundle.files.sorted(by: { $0.key < $1.key }) { files.append((path, text)) }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw MigrationError("cannot create \(parent.path): \(error.localizedDescription)")
        }
        do {
            try AtomicDirectory.replace(target, with: files.map { ($0.0, Array($0.1.utf8)) })
        } catch {
            throw MigrationError("cannot write \(target.path): \(error.localizedDescription)")
        }
    }

    /// Whether `path` is a plan directory (a stack's, or one holding stacks' plan directories).
    public static func isPlan(_ path: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: (path as NSString).appendingPathComponent("plan.json")) { return true }
        let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        return entries.contains { fm.fileExists(atPath: ((path as NSString).appendingPathComponent($0) as NSString).appendingPathComponent("plan.json")) }
    }

    /// The plans at `path`: the stack directory itself, or every `<Stack>/plan.json` below it.
    public static func read(_ path: String) throws(MigrationError) -> [(directory: String, bundle: PlanBundle)] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MigrationError("\(path): no such plan directory")
        }
        if fm.fileExists(atPath: (path as NSString).appendingPathComponent("plan.json")) { return [(path, try readStack(path))] }
        let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
        let stacks = entries.map { (path as NSString).appendingPathComponent($0) }.filter { fm.fileExists(atPath: ($0 as NSString).appendingPathComponent("plan.json")) }
        if stacks.isEmpty {
            throw MigrationError("\(path) is not a plan directory: it has no plan.json, nor stack directories with one", fix: "give the directory kumo migrate --output wrote (or one of its <Stack>/ directories)")
        }
        var out: [(String, PlanBundle)] = []
        for stack in stacks { out.append((stack, try readStack(stack))) }
        return out
    }

    private static func readStack(_ directory: String) throws(MigrationError) -> PlanBundle {
        let planFile = (directory as NSString).appendingPathComponent("plan.json")
        let planJSON = try document(planFile, template: false)
        let plan = try PlanJSON.decode(planJSON, file: planFile)
        var documents: [String: JSON] = [:]
        var files: [String: String] = [:]
        func load(_ relative: String, template: Bool) throws(MigrationError) {
            if documents[relative] != nil { return }
            documents[relative] = try document((directory as NSString).appendingPathComponent(relative), template: template)
        }
        try load(plan.deployedTemplate, template: true)
        for path in plan.nestedTemplates.values { try load(path, template: true) }
        for step in plan.steps {
            if let template = step.template { try load(template, template: true) }
            if let file = step.resourcesToImport {
                try load(file, template: false)
                guard case .array = documents[file]! else {
                    throw MigrationError("\((directory as NSString).appendingPathComponent(file)): must be a JSON list, as --resources-to-import takes it")
                }
            }
            for relative in step.files {
                let path = (directory as NSString).appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: path) else { throw MigrationError("\(path): no such file (step \(step.name) names it)") }
                files[relative] = String(decoding: data, as: UTF8.self)
            }
        }
        return PlanBundle(plan: plan, documents: documents, files: files)
    }

    private static func document(_ path: String, template: Bool) throws(MigrationError) -> JSON {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MigrationError("\(path): no such file", fix: "restore it, or write the plan again with kumo migrate")
        }
        let text = String(decoding: data, as: UTF8.self)
        let json: JSON
        do {
            json = try TemplateLoader.parse(text, file: path)
        } catch {
            throw MigrationError("\(error)")
        }
        if template, json["Resources"]?.objectValue == nil {
            throw MigrationError("\(path): not a CloudFormation template (no Resources object)", fix: "restore the file kumo migrate wrote, or write the plan again")
        }
        return json
    }
}
