import KumoJSON

/// The IAM content of a template, resolved: roles with their trust policy and attached policies, managed and
/// inline policies, OIDC providers. Policy documents are plain JSON whose deploy-time parts are ``Symbol``s —
/// whether the template wrote them as objects, as `Fn::Sub` strings (Kumo) or through `Custom::AWSCDKCfnJson`
/// (CDK).
public struct IAMModel: Sendable {
    public struct Role: Sendable {
        public var logicalID: String
        public var constructPath: String?
        /// The role's name (a symbol when CloudFormation generates it).
        public var name: String
        public var arn: String
        /// The trust policy document.
        public var trust: JSON
        /// ARNs of the attached managed policies (customer-managed ones resolve to their ARN).
        public var managedPolicyARNs: [String]
        /// Inline policies: the role's `Policies` and the `AWS::IAM::Policy` resources attached to it.
        public var inlinePolicies: [InlinePolicy]
    }

    public struct InlinePolicy: Sendable {
        public var name: String
        /// The `AWS::IAM::Policy` resource it comes from; `nil` for the role's own `Policies`.
        public var logicalID: String?
        public var document: JSON
    }

    /// What kind of IAM identity a principal is.
    public enum PrincipalKind: String, Hashable, Sendable {
        case role, user, group
    }

    /// An IAM user or group of the template, with the policies it is given (a user also has its groups').
    public struct Principal: Sendable {
        public var kind: PrincipalKind
        public var logicalID: String
        public var constructPath: String?
        public var name: String
        public var arn: String
        public var managedPolicyARNs: [String]
        /// Its `Policies` and the `AWS::IAM::Policy` resources that name it in `Users`/`Groups`.
        public var inlinePolicies: [InlinePolicy]
        /// A user's `Groups` (group names; empty for a group).
        public var groups: [String]
    }

    public struct ManagedPolicy: Sendable {
        public var logicalID: String
        public var constructPath: String?
        public var name: String?
        public var arn: String
        public var document: JSON
    }

    public struct OIDCProvider: Sendable {
        public var logicalID: String
        public var arn: String
        /// The issuer URL (with `https://`).
        public var url: String
        public var clientIDs: [String]
        public var thumbprints: [String]
    }

    public var template: CloudTemplate
    public var roles: [Role] = []
    /// `AWS::IAM::User` resources.
    public var users: [Principal] = []
    /// `AWS::IAM::Group` resources.
    public var groups: [Principal] = []
    public var managedPolicies: [ManagedPolicy] = []
    public var providers: [OIDCProvider] = []

    /// Reads the IAM resources of `template`.
    public init(_ template: CloudTemplate) throws(ReaderError) {
        try self.init(resolver: Resolver(template))
    }

    /// Reads the IAM resources of the resolver's template, sharing its memoized values with other analyses.
    public init(resolver: Resolver) throws(ReaderError) {
        do {
            try self.init(reading: resolver)
        } catch {
            throw error.inFile(resolver.template.file)
        }
    }

    private init(reading resolver: Resolver) throws(ReaderError) {
        let template = resolver.template
        self.template = template
        // A resource whose Condition is false where the template is deployed does not exist; one whose condition
        // depends on deploy-time values is taken as existing (both ways: what may be granted).
        func exists(_ resource: CloudTemplate.Resource) throws(ReaderError) -> Bool {
            guard let condition = resource.condition else { return true }
            return try resolver.evaluateCondition(named: condition, at: "Resources.\(resource.logicalID).Condition") != false
        }
        for resource in template.resources.values where try exists(resource) {
            let id = resource.logicalID
            switch resource.type {
            case "AWS::IAM::ManagedPolicy":
                managedPolicies.append(
                    ManagedPolicy(
                        logicalID: id, constructPath: resource.constructPath,
                        name: try resolver.property(id, "ManagedPolicyName")?.stringValue,
                        arn: try IAMModel.string(resolver.ref(id, at: "Resources.\(id)"), "Resources.\(id)"),
                        document: try IAMModel.document(resolver.property(id, "PolicyDocument"), at: "Resources.\(id).Properties.PolicyDocument")))
            case "AWS::IAM::OIDCProvider", "Custom::AWSCDKOpenIdConnectProvider":
                let at = "Resources.\(id).Properties"
                var clientIDs = try resolver.property(id, "ClientIdList")
                if clientIDs == nil { clientIDs = try resolver.property(id, "ClientIDList") }
                providers.append(
                    OIDCProvider(
                        logicalID: id, arn: try IAMModel.string(resolver.ref(id, at: "Resources.\(id)"), "Resources.\(id)"),
                        url: try IAMModel.string(resolver.property(id, "Url"), at + ".Url"),
                        clientIDs: try IAMModel.strings(clientIDs, at + ".ClientIdList"),
                        thumbprints: try IAMModel.strings(resolver.property(id, "ThumbprintList"), at + ".ThumbprintList")))
            default:
                break
            }
        }
        // Inline policies of AWS::IAM::Policy resources, by the principal names they attach to. Each resource is
        // read once per way its conditions can go (ConditionalValue.alternatives): a policy attached only when
        // IsProd holds is attached with its IsProd document.
        var attached: [PrincipalKind: [String: [InlinePolicy]]] = [:]
        for resource in template.resources(ofType: "AWS::IAM::Policy") where try exists(resource) {
            let id = resource.logicalID
            let at = "Resources.\(id).Properties"
            for properties in try IAMModel.alternatives(resolver, id, ["PolicyName", "PolicyDocument", "Roles", "Users", "Groups"]) {
                let targets: [(PrincipalKind, String)] = [(.role, "Roles"), (.user, "Users"), (.group, "Groups")]
                var names: [(PrincipalKind, String)] = []
                for (kind, property) in targets {
                    for name in try IAMModel.strings(properties[property], at + "." + property) { names.append((kind, name)) }
                }
                guard !names.isEmpty, properties["PolicyDocument"] != nil else { continue }
                let policy = InlinePolicy(
                    name: properties["PolicyName"].map(ConditionalValue.symbolized)?.stringValue ?? id, logicalID: id,
                    document: try IAMModel.document(properties["PolicyDocument"], at: at + ".PolicyDocument"))
                for (kind, name) in names { IAMModel.add(policy, to: &attached[kind, default: [:]][name, default: []]) }
            }
        }
        for resource in template.resources.values where try exists(resource) {
            let kind: PrincipalKind
            switch resource.type {
            case "AWS::IAM::Role": kind = .role
            case "AWS::IAM::User": kind = .user
            case "AWS::IAM::Group": kind = .group
            default: continue
            }
            let id = resource.logicalID
            let at = "Resources.\(id).Properties"
            var inline: [InlinePolicy] = []
            var managed: [String] = []
            var trust: [JSON] = []
            var groups: [String] = []
            // The principal's properties, jointly decided: a condition chooses the same way in its trust, its
            // policies and its attachments.
            for properties in try IAMModel.alternatives(resolver, id, ["Policies", "ManagedPolicyArns", "AssumeRolePolicyDocument", "Groups"]) {
                guard let items = ConditionalValue.items(properties["Policies"]) else {
                    throw ReaderError(location: at + ".Policies", "expected a list of policies, found \(properties["Policies"]?.kindDescription ?? "nothing")")
                }
                for (i, policy) in items.enumerated() {
                    guard case .object = policy else {
                        throw ReaderError(location: "\(at).Policies[\(i)]", "a policy must be an object with PolicyName and PolicyDocument, not \(policy.kindDescription)")
                    }
                    let name = policy["PolicyName"].map(ConditionalValue.symbolized)?.stringValue ?? "#\(i)"
                    let document = try IAMModel.document(policy["PolicyDocument"], at: "\(at).Policies[\(i)].PolicyDocument")
                    IAMModel.add(InlinePolicy(name: name, logicalID: nil, document: document), to: &inline)
                }
                for arn in try IAMModel.strings(properties["ManagedPolicyArns"], at + ".ManagedPolicyArns") where !managed.contains(arn) {
                    managed.append(arn)
                }
                for group in try IAMModel.strings(properties["Groups"], at + ".Groups") where !groups.contains(group) {
                    groups.append(group)
                }
                if kind == .role {
                    let document = try IAMModel.document(properties["AssumeRolePolicyDocument"], at: at + ".AssumeRolePolicyDocument")
                    if !trust.contains(document) { trust.append(document) }
                }
            }
            let name = try IAMModel.string(resolver.ref(id, at: "Resources.\(id)"), "Resources.\(id)")
            let arn = try IAMModel.string(resolver.attribute(of: id, "Arn", at: "Resources.\(id)"), "Resources.\(id)")
            for policy in attached[kind]?[name] ?? [] { IAMModel.add(policy, to: &inline) }
            switch kind {
            case .role:
                roles.append(
                    Role(
                        logicalID: id, constructPath: resource.constructPath, name: name, arn: arn,
                        trust: trust.dropFirst().reduce(trust.first ?? [:], IAMModel.merged),
                        managedPolicyARNs: managed, inlinePolicies: inline))
            case .user, .group:
                let principal = Principal(
                    kind: kind, logicalID: id, constructPath: resource.constructPath, name: name, arn: arn,
                    managedPolicyARNs: managed, inlinePolicies: inline, groups: groups)
                if kind == .user { users.append(principal) } else { self.groups.append(principal) }
            }
        }
    }

    /// A resource's properties (of `names`), resolved, once per way the conditions inside them can go.
    static func alternatives(_ resolver: Resolver, _ id: String, _ names: [String]) throws(ReaderError) -> [JSONObject] {
        var properties = JSONObject()
        for name in names { if let value = try resolver.property(id, name) { properties[name] = value } }
        return ConditionalValue.alternatives(.object(properties)).compactMap { $0?.objectValue }
    }

    /// Adds a policy to a principal's, merging the documents of policies of the same name and source (the
    /// branches of one conditional policy).
    static func add(_ policy: InlinePolicy, to policies: inout [InlinePolicy]) {
        if let same = policies.firstIndex(where: { $0.name == policy.name && $0.logicalID == policy.logicalID }) {
            policies[same].document = merged(policies[same].document, policy.document)
        } else {
            policies.append(policy)
        }
    }

    /// The role with this logical ID, name, ARN or construct path (or path's first component).
    public func role(_ key: String) -> Role? {
        roles.first { $0.logicalID == key } ?? roles.first { $0.name == key || $0.arn == key }
            ?? roles.first { $0.constructPath == key || $0.constructPath?.split(separator: "/").first.map(String.init) == key }
    }

    /// The OIDC provider whose ARN is `arn`.
    public func provider(arn: String) -> OIDCProvider? { providers.first { $0.arn == arn } }

    /// The customer-managed policy whose ARN is `arn`.
    public func managedPolicy(arn: String) -> ManagedPolicy? { managedPolicies.first { $0.arn == arn } }

    /// A policy document: an object as is, a JSON string (an `Fn::Sub` result, or JSON text) parsed.
    static func document(_ value: JSON?, at location: String) throws(ReaderError) -> JSON {
        guard let value, ConditionalValue.occurs(in: value) else { return try plainDocument(value, at: location) }
        // Both branches: the statements of either (ConditionalValue); a removed branch is no statement.
        var documents: [JSON] = []
        for branch in ConditionalValue.branches(value) {
            guard let branch else { continue }
            documents.append(ConditionalValue.union(ofDocument: try plainDocument(branch, at: location)))
        }
        guard let first = documents.first else {
            throw ReaderError(location: location, "the policy document is missing (AWS::NoValue in every branch)")
        }
        return documents.dropFirst().reduce(first, merged)
    }

    private static func plainDocument(_ value: JSON?, at location: String) throws(ReaderError) -> JSON {
        switch value {
        case .object?: return value!
        case .string(let text)?:
            do {
                return try JSON(parsing: text)
            } catch {
                throw ReaderError(location: location, "the policy document is a string that is not JSON once resolved (\(error))")
            }
        case nil: throw ReaderError(location: location, "the policy document is missing")
        case let other?: throw ReaderError(location: location, "a policy document must be an object or a JSON string, not \(other.kindDescription)")
        }
    }

    static func string(_ value: JSON?, _ location: String) throws(ReaderError) -> String {
        guard let s = value.map(ConditionalValue.symbolized)?.stringValue else {
            throw ReaderError(location: location, "expected a string, found \(value?.kindDescription ?? "nothing")")
        }
        return s
    }

    /// The strings of a list, conditional items both ways (`Fn::If [C, X, AWS::NoValue]` is X or nothing).
    static func strings(_ value: JSON?, _ location: String) throws(ReaderError) -> [String] {
        guard let value else { return [] }
        guard let items = ConditionalValue.items(value) else {
            throw ReaderError(location: location, "expected a list of strings, found \(value.kindDescription)")
        }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw ReaderError(location: location, "expected strings, found \(item.kindDescription)") }
            out.append(s)
        }
        return out
    }
}

extension IAMModel {
    /// Two documents as one: the statements of both, once each (for the branches of a conditional policy).
    static func merged(_ a: JSON, _ b: JSON) -> JSON {
        guard case .object(var members) = a else { return b }
        func statements(_ d: JSON) -> [JSON] {
            switch d["Statement"] {
            case .array(let items)?: items
            case let single?: [single]
            case nil: []
            }
        }
        var all = statements(a)
        var sids = Set(all.compactMap { $0["Sid"]?.stringValue })
        for statement in statements(b) where !all.contains(statement) {
            if let sid = statement["Sid"]?.stringValue, !sids.insert(sid).inserted, case .object(var copy) = statement {
                copy["Sid"] = nil
                all.append(.object(copy))
            } else {
                all.append(statement)
            }
        }
        members["Statement"] = .array(all)
        return .object(members)
    }
}

extension JSON {
    /// The value as IAM reads condition values and claims: a string as is, numbers and booleans as IAM
    /// stringifies them, arrays flattened; objects and null give nothing.
    var iamStrings: [String] {
        switch self {
        case .string(let s): [s]
        case .number(let n): [JSONNumberFormat.javaScript(n)]
        case .bool(let b): [b ? "true" : "false"]
        case .array(let items): items.flatMap(\.iamStrings)
        default: []
        }
    }
}
