import KumoJSON

/// The result of synthesis, in memory: AWS CDK's cloud-assembly layout (`cdk.out/`), without bootstrap or
/// asset requirements — every template deploys with plain `aws cloudformation deploy`.
public struct CloudAssembly {
    /// The largest template CloudFormation accepts inline (`TemplateBody`, and `aws cloudformation deploy
    /// --template-file` without `--s3-bucket`), in bytes; larger ones go through S3 (up to 1 MB).
    public static let inlineTemplateLimit = 51_200

    /// The cloud-assembly schema version written to `manifest.json` and `cdk.out`; the manifest validates
    /// against the official schema of this version (pip package `aws-cdk.cloud-assembly-schema`).
    public static let schemaVersion = "55.0.0"

    /// One synthesized stack.
    public struct StackArtifact {
        /// The stack's name: its construct ID, and the stem of its template file.
        public var name: String
        /// Where the stack is deployed (`manifest.json`'s `environment`).
        public var environment: Stack.Environment
        /// The synthesized template; setting it re-renders ``templateBytes``.
        public var template: JSON {
            didSet { templateBytes = template.serializedBytes(.cdkTemplate) }
        }
        /// Construct path → logical ID of every template element, in template order.
        public var logicalIDs: [(path: String, logicalID: String)]
        /// Files the stack's constructs add to the assembly (Kubernetes manifests, …).
        public var extraArtifacts: [AssemblyArtifact]
        /// Warnings and notes about this stack's constructs.
        public var diagnostics: [Diagnostic]

        /// The language the template file is written in (set for every stack by ``CloudAssembly/templateFormat``).
        public var templateFormat: TemplateFormat = .json
        /// `<name>.template.json`, or `<name>.template.yaml`.
        public var templateFile: String { name + ".template." + templateFormat.fileExtension }
        /// The template's bytes, as written (CDK's layout: one-space indent, no trailing newline).
        public private(set) var templateBytes: [UInt8]

        /// A stack artifact for `template`, with the logical IDs, files and diagnostics its constructs produced.
        public init(
            name: String, environment: Stack.Environment, template: JSON, logicalIDs: [(path: String, logicalID: String)],
            extraArtifacts: [AssemblyArtifact], diagnostics: [Diagnostic]
        ) {
            self.name = name
            self.environment = environment
            self.template = template
            self.templateBytes = template.serializedBytes(.cdkTemplate)
            self.logicalIDs = logicalIDs
            self.extraArtifacts = extraArtifacts
            self.diagnostics = diagnostics
        }
        /// The template file's bytes: YAML in the YAML format, else JSON in `layout`.
        public func templateFileBytes(_ layout: JSONLayout) -> [UInt8] {
            if templateFormat == .yaml { return template.cloudFormationYAMLBytes() }
            return layout == .cdkTemplate ? templateBytes : template.serializedBytes(layout)
        }

        /// The template file's size in bytes: in YAML in the YAML format, else in JSON in `layout`.
        public func templateSize(_ layout: JSONLayout) -> Int {
            templateFormat == .json && layout == .cdkTemplate ? templateBytes.count : templateFileBytes(layout).count
        }

        /// Number of resources in the template.
        public var resourceCount: Int { template["Resources"]?.objectValue?.count ?? 0 }
    }

    /// The synthesized stacks, in the order the app created them.
    public var stacks: [StackArtifact]
    /// How templates are laid out in the files: CDK's (one-space indent, the default) or compact, for templates
    /// that must fit CloudFormation's inline limit (``inlineTemplateLimit``) without an S3 bucket.
    public var templateLayout: JSONLayout = .cdkTemplate
    /// The language of the template files: JSON (``templateLayout``) or CloudFormation YAML.
    public var templateFormat: TemplateFormat = .json {
        didSet { for index in stacks.indices { stacks[index].templateFormat = templateFormat } }
    }
    /// `tree.json`'s document.
    public var tree: JSON
    /// Every warning and note of the synthesis (errors stop synthesis instead).
    public var diagnostics: [Diagnostic]

    /// The stack named `name`.
    public func stack(_ name: String) -> StackArtifact? { stacks.first { $0.name == name } }

    /// `manifest.json`'s document.
    public var manifest: JSON {
        var artifacts = JSONObject()
        artifacts["Tree"] = ["type": "cdk:tree", "properties": ["file": "tree.json"]]
        for stack in stacks {
            var metadata = JSONObject()
            for (path, logicalID) in stack.logicalIDs {
                metadata["/" + path, default: []] = .array(
                    (metadata["/" + path]?.arrayValue ?? []) + [["type": "aws:cdk:logicalId", "data": .string(logicalID)]])
            }
            for diagnostic in stack.diagnostics {
                let type = diagnostic.severity == .warning ? "aws:cdk:warning" : "aws:cdk:info"
                let key = "/" + diagnostic.path
                metadata[key] = .array((metadata[key]?.arrayValue ?? []) + [["type": .string(type), "data": .string(diagnostic.message)]])
            }
            var entry: JSONObject = [
                "type": "aws:cloudformation:stack",
                "environment": .string(stack.environment.assemblyName),
                "properties": ["templateFile": .string(stack.templateFile), "validateOnSynth": false],
            ]
            if !metadata.isEmpty { entry["metadata"] = .object(metadata) }
            entry["displayName"] = .string(stack.name)
            artifacts[stack.name] = .object(entry)
            for extra in stack.extraArtifacts {
                var manifestEntry = extra.manifestEntry
                var properties = manifestEntry["properties"]?.objectValue ?? [:]
                properties["file"] = .string(extra.fileName)
                manifestEntry["properties"] = .object(properties)
                artifacts[extra.id] = .object(manifestEntry)
            }
        }
        return ["version": .string(Self.schemaVersion), "artifacts": .object(artifacts)]
    }

    /// Every file of the assembly: name → bytes, in a fixed order. The JSON documents are serialized in parallel
    /// (the tree and the templates of a large app are megabytes each).
    public var files: [(name: String, contents: [UInt8])] {
        var documents: [(name: String, json: JSON, layout: JSONLayout, yaml: Bool)] = [
            ("cdk.out", ["version": .string(Self.schemaVersion)], .compact, false),
            ("manifest.json", manifest, .cdkManifest, false),
            // Compact, as CDK writes it since 2.1xx: the tree holds every resource's properties again.
            ("tree.json", tree, .compact, false),
        ]
        // Templates in CDK's JSON layout are serialized already; others are written here.
        let rewritten = templateFormat == .yaml || templateLayout != .cdkTemplate
        if rewritten {
            for stack in stacks { documents.append((stack.templateFile, stack.template, templateLayout, templateFormat == .yaml)) }
        }
        let serialized = documents.concurrentMap(threshold: 2) {
            $0.yaml ? $0.json.cloudFormationYAMLBytes() : $0.json.serializedBytes($0.layout)
        }
        var result = Array(zip(documents.map(\.name), serialized)).prefix(3).map { (name: $0.0, contents: $0.1) }
        for (index, stack) in stacks.enumerated() {
            let template = rewritten ? serialized[3 + index] : stack.templateBytes
            result.append((stack.templateFile, template))
            for extra in stack.extraArtifacts { result.append((extra.fileName, extra.contents)) }
        }
        return result
    }
}
