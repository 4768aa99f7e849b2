import KumoJSON

/// A CloudFormation template as read from disk (Kumo's, AWS CDK's, or hand-written; JSON or YAML), with the
/// facts the analysis commands need: resources by logical ID, their construct paths when the template has
/// CDK-style `aws:cdk:path` metadata, and the deployment environment when an assembly manifest gives it.
public struct CloudTemplate: Sendable {
    /// One resource of the template.
    public struct Resource: Sendable {
        public var logicalID: String
        public var type: String
        /// `Properties` (empty when absent).
        public var properties: JSONObject
        public var dependsOn: [String]
        public var metadata: JSONObject
        public var condition: String?
        /// The whole resource entry as written.
        public var json: JSON

        /// The construct path from `Metadata.aws:cdk:path`, without the stack (`EKSCluster/Resource/Resource`).
        public var constructPath: String? {
            guard let path = metadata["aws:cdk:path"]?.stringValue else { return nil }
            guard let slash = path.firstIndex(of: "/") else { return path }
            return String(path[path.index(after: slash)...])
        }

        /// A short human name: the first construct-path component (`EKSCluster`), else the logical ID.
        public var displayName: String {
            constructPath?.split(separator: "/").first.map(String.init) ?? logicalID
        }
    }

    /// Where the template will be deployed, when known (KumoJSON's ``DeploymentEnvironment``, the one environment
    /// type shared with `Stack`).
    public typealias Environment = DeploymentEnvironment

    /// The stack name (the assembly artifact, or the file name without `.template.json`).
    public var name: String
    /// The file it was read from.
    public var file: String
    public var environment: Environment
    /// The whole document.
    public var json: JSON
    public var resources: OrderedDictionary<String, Resource>
    public var parameters: JSONObject
    public var conditions: JSONObject
    public var mappings: JSONObject
    public var outputs: JSONObject
    /// What reading the template left symbolic or skipped (for the CLI to print as notes).
    public var notes: [String] = []

    /// Reads a template document.
    ///
    /// Templates that declare `AWS::LanguageExtensions` have their `Fn::ForEach` loops expanded
    /// (``LanguageExtensions``), and `AWS::Serverless-2016-10-31` templates their serverless resources
    /// (``ServerlessTransform``): the resources are those the transforms write.
    public init(json: JSON, name: String, file: String, environment: Environment = .init()) throws(ReaderError) {
        guard case .object(var top) = json else {
            throw ReaderError(file: file, "a template must be a JSON object, not \(json.kindDescription)")
        }
        if LanguageExtensions.declared(in: top) { top = try LanguageExtensions.expand(top, file: file) }
        var notes: [String] = []
        if ServerlessTransform.declared(in: top) { top = try ServerlessTransform.expand(top, file: file, notes: &notes) }
        self.notes = notes
        self.name = name
        self.file = file
        self.environment = environment
        self.json = .object(top)
        func section(_ key: String) throws(ReaderError) -> JSONObject {
            guard let value = top[key] else { return [:] }
            guard case .object(let members) = value else {
                throw ReaderError(file: file, location: key, "must be an object, not \(value.kindDescription)")
            }
            return members
        }
        parameters = try section("Parameters")
        conditions = try section("Conditions")
        mappings = try section("Mappings")
        outputs = try section("Outputs")
        guard top["Resources"] != nil else {
            throw ReaderError(file: file, "not a CloudFormation template: there is no Resources section")
        }
        var resources = OrderedDictionary<String, Resource>()
        for (logicalID, entry) in try section("Resources") {
            let at = "Resources.\(logicalID)"
            guard case .object(let body) = entry else {
                throw ReaderError(file: file, location: at, "a resource must be an object, not \(entry.kindDescription)")
            }
            guard let type = body["Type"]?.stringValue, !type.isEmpty else {
                throw ReaderError(file: file, location: at, "the resource has no Type")
            }
            var properties: JSONObject = [:]
            if let value = body["Properties"] {
                guard case .object(let members) = value else {
                    throw ReaderError(file: file, location: at + ".Properties", "must be an object, not \(value.kindDescription)")
                }
                properties = members
            }
            var dependsOn: [String] = []
            switch body["DependsOn"] {
            case .string(let id)?: dependsOn = [id]
            case .array(let ids)?:
                for id in ids {
                    guard let id = id.stringValue else {
                        throw ReaderError(file: file, location: at + ".DependsOn", "must list logical IDs (strings)")
                    }
                    dependsOn.append(id)
                }
            case nil: break
            case let other?:
                throw ReaderError(file: file, location: at + ".DependsOn", "must be a logical ID or a list of them, not \(other.kindDescription)")
            }
            resources[logicalID] = Resource(
                logicalID: logicalID, type: type, properties: properties, dependsOn: dependsOn,
                metadata: body["Metadata"]?.objectValue ?? [:], condition: body["Condition"]?.stringValue, json: entry)
        }
        self.resources = resources
        for (logicalID, resource) in resources {
            for target in resource.dependsOn where resources[target] == nil {
                throw ReaderError(file: file, location: "Resources.\(logicalID).DependsOn", "depends on \(target), which is not a resource of the template")
            }
        }
    }

    /// Resources of a type.
    public func resources(ofType type: String) -> [Resource] { resources.values.filter { $0.type == type } }

    /// A resolved string made readable: each symbol shown as `<EKSCluster issuer>`, `<RoleX.Arn>`,
    /// `<AWS::AccountId>`.
    public func display(_ text: String) -> String {
        Symbol.readable(Symbol.substitute(in: text) { symbol in "<" + describe(symbol) + ">" })
    }

    /// A resolved JSON value made readable (see ``display(_:)``).
    public func display(_ json: JSON) -> JSON { json.displayed { display($0) } }

    /// The readable name of a symbol.
    public func describe(_ symbol: Symbol) -> String {
        switch symbol {
        case .pseudo(let name): name
        case .ref(let id): resources[id]?.displayName ?? id
        case .attribute(let id, let attribute): (resources[id]?.displayName ?? id) + "." + attribute
        case .issuer(let id): (resources[id]?.displayName ?? id) + " issuer"
        // An opaque symbol's text may hold symbols of its own (`Fn::GetAZs <AWS::Region>`): shown the same way.
        case .opaque(let text): display(text)
        case .part(let value, let part): describeValue(value) + " " + part
        }
    }

    /// `Queue.Arn` / `Topic` of a ``Symbol/part(_:_:)`` with the resource's display name.
    private func describeValue(_ value: String) -> String {
        guard let dot = value.firstIndex(of: ".") else { return resources[value]?.displayName ?? value }
        let id = String(value[..<dot])
        return (resources[id]?.displayName ?? id) + value[dot...]
    }
}

extension String {
    func replacingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
