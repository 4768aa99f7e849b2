import KumoJSON
import KumoSchema

/// A CloudFormation resource (an "L1" construct): a type and its properties, as written in the template.
///
/// Every resource type has a generated subclass with typed properties (`S3.CfnBucket` in `KumoS3`, from the
/// registry schemas); a `CfnResource` itself is the untyped form, a type name and a bag of ``properties``, for
/// types the schemas do not have. Typed constructs (a `Role`, a `Repository`) create one or more L1s as children
/// (usually with the ID `Resource`, their ``Node/defaultChild``) and give them their properties.
///
/// Properties are written as AWS CDK writes them: required properties first, then the others, each group in
/// case-insensitive alphabetical order, and nested objects in the same order — so that templates are
/// byte-identical to CDK's for the same resources. Overrides (``addOverride(_:_:)``) are applied last, after every
/// construct's preparation, and every resource is checked against its schema at synthesis
/// (KumoSchema's `SchemaValidator`): unknown properties, types, required properties, enums, patterns, lengths, ranges.
open class CfnResource: CfnElement {
    /// The CloudFormation type, e.g. `AWS::IAM::Role`.
    public let type: String
    /// Property values by CloudFormation name: the untyped form, and an escape hatch on a generated subclass,
    /// where an entry replaces the typed property of the same name.
    public var properties: OrderedDictionary<String, Value>
    /// Names of the properties written first (AWS CDK's order): the schema's required properties unless set.
    public var requiredProperties: Set<String>
    /// What CloudFormation does with the physical resource when it is removed from the template or replaced.
    public var removalPolicy: RemovalPolicy?
    /// A template condition the resource is created under.
    public var condition: String?
    /// Entries of the resource's `Metadata` besides `aws:cdk:path`.
    public var metadata: OrderedDictionary<String, JSON> = [:]
    /// `CreationPolicy` and `UpdatePolicy` attributes, when set.
    public var creationPolicy: Value?
    /// The resource's `UpdatePolicy` attribute (Auto Scaling groups, ElastiCache, OpenSearch, Lambda aliases).
    public var updatePolicy: Value?
    /// How the type writes tags; `nil` for types without tags. Taggable resources get the tags of their
    /// construct and its ancestors (``Node/addTag(_:_:only:)``) unless `Tags` is set explicitly.
    public var tagFormat: TagFormat?
    /// cfn-lint checks suppressed for this resource, with the reason (see ``suppressLintChecks(_:reason:)``).
    public private(set) var lintSuppressions: [(checks: [String], reason: String)] = []
    private var explicitDependencies: [CfnResource] = []
    /// Raw overrides, applied to the rendered resource in the order given (see ``addOverride(_:_:)``).
    public internal(set) var overrides: [ResourceOverride] = []
    /// Schema paths whose violations are accepted, with the reason (see ``suppressSchemaChecks(at:reason:)``).
    public internal(set) var schemaSuppressions: [(paths: [String], reason: String)] = []
    /// The properties as last written into a template (reused by `tree.json`).
    var lastRenderedProperties: JSONObject?

    /// Adds a resource of `type` with `properties` to `scope`. `required` names the properties written first
    /// (the schema's required properties by default).
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, type: String, properties: OrderedDictionary<String, Value> = [:],
        required: Set<String>? = nil, tags tagFormat: TagFormat? = nil
    ) {
        self.type = type
        self.properties = properties
        self.requiredProperties = required ?? Set(ResourceSchemas.schema(for: type)?.required ?? [])
        self.tagFormat = tagFormat
        super.init(scope, id)
    }

    /// The properties set through typed fields: generated subclasses override this. The ``properties`` bag is
    /// added to them at synthesis.
    open func cfnProperties() -> OrderedDictionary<String, Value> { [:] }

    /// Suppresses cfn-lint checks (e.g. `W3690`) for this resource, through the resource's
    /// `Metadata.cfn-lint.config.ignore_checks`. Only for intentional findings: the reason is reported as a
    /// note by every synthesis, so that the exception stays visible.
    public func suppressLintChecks(_ checks: [String], reason: String) {
        lintSuppressions.append((checks, reason))
        var ignored = metadata["cfn-lint"]?["config"]?["ignore_checks"]?.arrayValue ?? []
        for check in checks where !ignored.contains(.string(check)) { ignored.append(.string(check)) }
        metadata["cfn-lint"] = ["config": ["ignore_checks": .array(ignored)]]
        node.addInfo("cfn-lint \(checks.joined(separator: ", ")) suppressed: \(reason)")
    }

    /// `{"Ref": <this resource>}`: what `Ref` returns depends on the type (a name, an ID, an ARN).
    public var ref: Value { .ref(self) }

    /// `{"Fn::GetAtt": [<this resource>, attribute]}`.
    public func getAtt(_ attribute: String) -> Value { .getAtt(self, attribute) }

    /// Makes this resource depend on another resource (`DependsOn`).
    public func addDependency(on other: CfnResource) {
        if !explicitDependencies.contains(where: { $0 === other }) { explicitDependencies.append(other) }
    }

    /// The resources this one depends on explicitly, through ``addDependency(on:)`` and through construct
    /// dependencies of its scopes (``Node/addDependency(_:)``), within its stack.
    public var dependencies: [CfnResource] {
        var result = explicitDependencies
        var current: Construct? = self
        while let c = current, !(c is Stack) {
            for dependency in c.node.dependencies {
                for case let resource as CfnResource in dependency.node.subtree
                where resource.stack === stack && resource !== self && !result.contains(where: { $0 === resource }) {
                    result.append(resource)
                }
            }
            current = c.node.scope
        }
        return result
    }

    open override func renderFragments(_ context: ResolutionContext) throws(ResolutionError) -> [TemplateFragment] {
        var body = JSONObject()
        body["Type"] = .string(type)
        let renderedProperties = try renderProperties(context)
        lastRenderedProperties = renderedProperties
        if !renderedProperties.isEmpty { body["Properties"] = .object(renderedProperties) }
        let dependsOn = dependencies.sorted { LocaleOrder.precedes($0.node.path, $1.node.path) }
        if !dependsOn.isEmpty { body["DependsOn"] = .array(dependsOn.map { .string($0.logicalID) }) }
        if let creationPolicy { body["CreationPolicy"] = try creationPolicy.resolve(context) }
        if let updatePolicy { body["UpdatePolicy"] = try updatePolicy.resolve(context) }
        if let removalPolicy {
            body["UpdateReplacePolicy"] = .string(removalPolicy.cloudFormationValue)
            body["DeletionPolicy"] = .string(removalPolicy.cloudFormationValue)
        }
        var allMetadata = metadata
        allMetadata["aws:cdk:path"] = .string(node.path)
        body["Metadata"] = .object(allMetadata)
        if let condition { body["Condition"] = .string(condition) }
        var rendered = JSON.object(body)
        let ctx = ResolutionContext(stack: context.stack, referrer: node.path)
        for override in overrides { try override.apply(to: &rendered, ctx) }
        return [TemplateFragment(.resources, logicalID, rendered)]
    }

    /// The `Properties` object in CDK's order.
    public func renderProperties(_ context: ResolutionContext) throws(ResolutionError) -> JSONObject {
        let ctx = ResolutionContext(stack: context.stack, referrer: node.path)
        var resolved: [(String, JSON)] = []
        var all = cfnProperties()
        for (name, value) in properties { all[name] = value }
        if all["Tags"] == nil, let tags = tagsValue() { all["Tags"] = tags }
        for (name, value) in all {
            guard let forced = try value.forced(ctx) else { continue }
            resolved.append((name, try PropertyOrder.sortingNested(forced).resolve(ctx)))
        }
        let ordered = resolved.sorted { a, b in
            let aRequired = requiredProperties.contains(a.0)
            let bRequired = requiredProperties.contains(b.0)
            if aRequired != bRequired { return aRequired }
            return PropertyOrder.precedes(a.0, b.0)
        }
        return JSONObject(uniqueKeysWithValues: ordered)
    }
}

/// What happens to a resource's physical resource when it leaves the template or is replaced.
public enum RemovalPolicy: String, Sendable, Hashable {
    /// `Delete`: the resource is deleted (CDK's `RemovalPolicy.DESTROY`).
    case destroy
    /// `Retain`: the resource stays in the account, orphaned.
    case retain
    /// `Snapshot`: a final snapshot is taken, then the resource is deleted (databases, volumes).
    case snapshot

    /// The `DeletionPolicy` / `UpdateReplacePolicy` value.
    public var cloudFormationValue: String {
        switch self {
        case .destroy: "Delete"
        case .retain: "Retain"
        case .snapshot: "Snapshot"
        }
    }
}
