import KumoJSON

/// Turns an ``App``'s construct tree into a ``CloudAssembly``.
struct Synthesizer {
    let app: App

    func synthesize(stackNames: [String]?) throws(SynthesisError) -> CloudAssembly {
        var diagnostics: [Diagnostic] = []
        for construct in app.node.subtree.reversed() { construct.prepare() }
        var constructsWithErrors: Set<String> = []
        for construct in app.node.subtree {
            let found = construct.node.diagnostics + construct.validate()
            if found.contains(where: { $0.severity == .error }) { constructsWithErrors.insert(construct.node.path) }
            diagnostics += found
        }
        var selected = app.stacks
        if let stackNames {
            let known = Set(selected.map(\.stackName))
            for name in stackNames where !known.contains(name) {
                diagnostics.append(
                    .error(
                        "", "no stack named \"\(name)\"",
                        fix: "choose one of: \(selected.map(\.stackName).joined(separator: ", "))"))
            }
            selected = selected.filter { stackNames.contains($0.stackName) }
        }
        if app.stacks.isEmpty {
            diagnostics.append(.error("", "the app has no stacks", fix: "create at least one Stack in the App"))
        }
        var rendered: [(Stack, JSON, [AssemblyArtifact])] = []
        for stack in selected {
            let (template, extra, problems) = StackSynthesizer(stack: stack, constructsWithErrors: constructsWithErrors).synthesize()
            diagnostics += problems
            rendered.append((stack, template, extra))
        }
        let artifacts = rendered.map { stack, template, extra in
            CloudAssembly.StackArtifact(
                name: stack.stackName, environment: stack.environment, template: template,
                logicalIDs: stack.elements.map { ($0.node.path, $0.logicalID) }, extraArtifacts: extra,
                diagnostics: diagnostics.filter { $0.severity != .error && stack.contains(path: $0.path) })
        }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw SynthesisError(diagnostics.sorted { $0.severity > $1.severity })
        }
        return CloudAssembly(stacks: artifacts, tree: TreeWriter.tree(of: app), diagnostics: diagnostics)
    }
}

extension Stack {
    /// Whether `path` is this stack's path or below it.
    func contains(path: String) -> Bool { path == node.path || path.hasPrefix(node.path + "/") }
}

/// Writes one stack's template: every element's fragments, sections in order of first contribution.
struct StackSynthesizer {
    let stack: Stack
    /// Paths of constructs whose own validation found errors: the schema check of their L1s is skipped, since
    /// the typed construct already named the mistake in its own terms (one message per mistake).
    var constructsWithErrors: Set<String> = []

    func synthesize() -> (JSON, [AssemblyArtifact], [Diagnostic]) {
        var problems: [Diagnostic] = []
        var sections: OrderedDictionary<TemplateSection, JSONObject> = [:]
        var owners: [String: String] = [:]  // "section/logicalID" -> path
        var artifacts: [AssemblyArtifact] = []
        let context = ResolutionContext(stack: stack, referrer: stack.node.path)
        let elements = stack.elements
        // Rendering reads the tree and writes only each element's own render state; logical IDs (computed
        // lazily) are computed first, so that large stacks can be rendered on every core.
        for element in elements { _ = element.logicalID }
        let rendered = elements.concurrentMap { element -> Result<[TemplateFragment], ResolutionError> in
            do throws(ResolutionError) { return .success(try element.renderFragments(context)) } catch { return .failure(error) }
        }
        for (element, result) in zip(elements, rendered) {
            do {
                for fragment in try result.get() {
                    let slot = fragment.section.rawValue + "/" + fragment.logicalID
                    if let other = owners[slot] {
                        // The same path twice is a duplicate construct ID, reported as such already.
                        if other == element.node.path { continue }
                        problems.append(
                            .error(
                                element.node.path,
                                "logical ID \(fragment.logicalID) is also used by \(other) in \(fragment.section.rawValue)",
                                fix: "rename one of the constructs, or change its logical ID override"))
                        continue
                    }
                    owners[slot] = element.node.path
                    sections[fragment.section, default: [:]][fragment.logicalID] = fragment.body
                    if fragment.section == .resources, let resource = element as? CfnResource,
                        !constructsWithErrors.contains(resource.node.path),
                        !constructsWithErrors.contains(resource.node.scope?.node.path ?? "")
                    {
                        problems += SchemaCheck.diagnostics(for: resource, rendered: fragment.body)
                    }
                }
            } catch {
                problems.append(error.diagnostic)
            }
        }
        for construct in stack.node.subtree {
            guard let producer = construct as? ProducesAssemblyArtifacts else { continue }
            do {
                artifacts += try producer.assemblyArtifacts(context)
            } catch {
                problems.append(error.diagnostic)
            }
        }
        if sections[.resources] == nil && problems.isEmpty {
            problems.append(
                .error(stack.node.path, "the stack has no resources", fix: "add at least one resource to the stack"))
        }
        var template = JSONObject()
        if let description = stack.templateDescription { template["Description"] = .string(description) }
        if !stack.lintSuppressions.isEmpty {
            let checks = stack.lintSuppressions.flatMap(\.checks).map(JSON.string)
            template["Metadata"] = ["cfn-lint": ["config": ["ignore_checks": .array(checks)]]]
        }
        for (section, entries) in sections { template[section.rawValue] = .object(entries) }
        return (.object(template), artifacts, problems)
    }
}

/// A construct that writes files of its own into the cloud assembly (for example Kubernetes manifests).
public protocol ProducesAssemblyArtifacts: Construct {
    /// The files this construct adds to the assembly, rendered with the stack being synthesized known.
    func assemblyArtifacts(_ context: ResolutionContext) throws(ResolutionError) -> [AssemblyArtifact]
}

/// A file written into the cloud assembly next to the templates, and listed in `manifest.json`.
public struct AssemblyArtifact: Sendable {
    /// The artifact's ID in `manifest.json`.
    public var id: String
    /// The file name in the assembly directory.
    public var fileName: String
    /// The file's bytes.
    public var contents: [UInt8]
    /// The manifest entry (`type`, `properties`, …); `properties.file` is set by the synthesizer.
    public var manifestEntry: JSONObject

    /// A file `fileName` with `contents`, listed in `manifest.json` under `id` with `manifestEntry`.
    public init(id: String, fileName: String, contents: [UInt8], manifestEntry: JSONObject) {
        self.id = id
        self.fileName = fileName
        self.contents = contents
        self.manifestEntry = manifestEntry
    }
}
