import KumoJSON

/// The `AWS::Serverless-2016-10-31` transform (AWS SAM), as far as IAM needs it: serverless resources become
/// the resources SAM writes for them, so that their roles and policies are read, checked and diffed like any.
///
/// What is expanded, as AWS SAM's translator (aws-sam-translator) does it:
/// - `AWS::Serverless::Function` → `AWS::Lambda::Function`, and unless it names a `Role`, the role
///   `<Function>Role`: trust `lambda.amazonaws.com` (or its `AssumeRolePolicyDocument`), the managed policies
///   `service-role/AWSLambdaBasicExecutionRole`, X-Ray's with `Tracing`, `service-role/AWSLambdaVPCAccessExecutionRole`
///   with `VpcConfig`, the execution roles of its SQS, Kinesis, DynamoDB and MSK events, and its `Policies` — policy
///   names (made ARNs by SAM's table of AWS managed policies), ARNs, documents (inline policies
///   `<Function>RolePolicy<i>`), SAM policy templates (from SAM's `policy_templates.json`) and `Fn::If`s of them;
///   `DeadLetterQueue` adds `sqs:SendMessage`/`sns:Publish` on its target; `Globals.Function` applies.
/// - `AWS::Serverless::StateMachine` → `AWS::StepFunctions::StateMachine`, and its role `<StateMachine>Role`
///   (trust `states.amazonaws.com`, `Policies` as above).
/// - `Api`, `HttpApi`, `SimpleTable`, `LayerVersion`, `Application`, `GraphQLApi` → their CloudFormation types
///   (API Gateway, DynamoDB, Lambda layer, nested stack, AppSync), properties as written.
///
/// Other resources SAM writes (`ServerlessRestApi`, `<Function>Version…`, `<Function>Alias…`, `<Function>.Alias`,
/// permissions, event source mappings, connectors' policies) are not expanded: a reference to one is kept
/// symbolic (a resource of type `AWS::Serverless::Generated`), with a note. The template is never rejected for
/// what SAM would add.
enum ServerlessTransform {
    static let transformName = "AWS::Serverless-2016-10-31"

    /// Whether the template declares the transform.
    static func declared(in top: JSONObject) -> Bool { Transforms.declared(transformName, in: top) }

    /// The CloudFormation type SAM writes for each serverless type (besides functions and state machines).
    static let nativeTypes: [String: String] = [
        "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
        "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
        "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
        "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
        "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
        "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
    ]

    /// Policy templates by name (``generatedPolicyTemplates``).
    static let policyTemplates: JSONObject = (try? JSON(parsing: generatedPolicyTemplates))?.objectValue ?? [:]

    /// AWS managed policy name → path and name (`service-role/AWSLambdaBasicExecutionRole`).
    static let managedPolicyPaths: [String: String] = {
        var table: [String: String] = [:]
        for line in generatedManagedPolicyPaths.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2 { table[String(fields[0])] = String(fields[1]) }
        }
        return table
    }()

    /// `arn:${AWS::Partition}:iam::aws:policy/<path>` as SAM writes it (with the template's partition).
    static func managedPolicyARN(_ pathAndName: String) -> JSON {
        ["Fn::Sub": .string("arn:${AWS::Partition}:iam::aws:policy/" + pathAndName)]
    }

    /// The template with its serverless resources expanded; `notes` says what was kept symbolic.
    static func expand(_ top: JSONObject, file: String, notes: inout [String]) throws(ReaderError) -> JSONObject {
        guard case .object(let resources)? = top["Resources"] else { return top }
        let globals = top["Globals"]?["Function"]?.objectValue ?? [:]
        var out = JSONObject()
        var implicitAPIs: [(String, String)] = []
        var kept: [String] = []
        for (id, entry) in resources {
            guard case .object(var body) = entry, let type = body["Type"]?.stringValue, type.hasPrefix("AWS::Serverless::") else {
                out[id] = entry
                continue
            }
            var properties = body["Properties"]?.objectValue ?? [:]
            switch type {
            case "AWS::Serverless::Function":
                properties = merged(globals, properties)
                for (event, needs) in implicitAPI(properties) where !implicitAPIs.contains(where: { $0.0 == event }) { implicitAPIs.append((event, needs)) }
                let (function, role) = try self.function(id, properties, at: "Resources.\(id).Properties", file: file)
                body["Type"] = "AWS::Lambda::Function"
                body["Properties"] = .object(function)
                out[id] = .object(body)
                if let role { out[id + "Role"] = .object(["Type": "AWS::IAM::Role", "Properties": .object(role)]) }
            case "AWS::Serverless::StateMachine":
                let (machine, role) = try stateMachine(id, properties, at: "Resources.\(id).Properties", file: file)
                body["Type"] = "AWS::StepFunctions::StateMachine"
                body["Properties"] = .object(machine)
                out[id] = .object(body)
                if let role { out[id + "Role"] = .object(["Type": "AWS::IAM::Role", "Properties": .object(role)]) }
            default:
                if let native = nativeTypes[type] {
                    body["Type"] = .string(native)
                } else {
                    body["Type"] = "AWS::Serverless::Generated"
                    kept.append("\(id) (\(type))")
                }
                out[id] = .object(body)
            }
        }
        for (id, type) in implicitAPIs where out[id] == nil {
            out[id] = ["Type": .string(type), "Properties": [:]]
        }
        // References to other resources SAM writes: kept symbolic.
        let serverless = resources.compactMap { id, entry in entry["Type"]?.stringValue?.hasPrefix("AWS::Serverless::") == true ? id : nil }
        let parameters = top["Parameters"]?.objectValue ?? [:]
        var generated: [String] = []
        var targets: [String] = []
        for entry in out.values { DependencyGraph.references(in: entry, into: &targets) }
        for outputs in [top["Outputs"], top["Conditions"]].compactMap({ $0 }) { DependencyGraph.references(in: outputs, into: &targets) }
        for target in targets where out[target] == nil && parameters[target] == nil && !target.hasPrefix("AWS::") && !generated.contains(target) {
            guard serverless.contains(where: { target.hasPrefix($0) }) || target.hasPrefix("ServerlessRestApi") || target.hasPrefix("ServerlessHttpApi") else { continue }
            generated.append(target)
            out[target] = ["Type": "AWS::Serverless::Generated", "Properties": [:]]
        }
        if !generated.isEmpty {
            notes.append("resources AWS SAM generates are kept symbolic: \(generated.joined(separator: ", "))")
        }
        if !kept.isEmpty {
            notes.append("serverless resources not expanded (their policies are not read): \(kept.joined(separator: ", "))")
        }
        var result = top
        result["Globals"] = nil
        result["Resources"] = .object(out)
        return result
    }

    /// `ServerlessRestApi`/`ServerlessHttpApi`, when a function's `Api`/`HttpApi` event names no API of its own.
    private static func implicitAPI(_ properties: JSONObject) -> [(String, String)] {
        var out: [(String, String)] = []
        for (_, event) in properties["Events"]?.objectValue ?? [:] {
            switch event["Type"]?.stringValue {
            case "Api"? where event["Properties"]?["RestApiId"] == nil: out.append(("ServerlessRestApi", "AWS::ApiGateway::RestApi"))
            case "HttpApi"? where event["Properties"]?["ApiId"] == nil: out.append(("ServerlessHttpApi", "AWS::ApiGatewayV2::Api"))
            default: break
            }
        }
        return out
    }

    /// Globals under a resource's own properties (objects merged, the resource's values winning).
    static func merged(_ globals: JSONObject, _ own: JSONObject) -> JSONObject {
        var out = globals
        for (key, value) in own {
            if case .object(let mine) = value, case .object(let theirs)? = out[key] {
                out[key] = .object(merged(theirs, mine))
            } else {
                out[key] = value
            }
        }
        return out
    }

    /// The Lambda function's properties and, unless it names its `Role`, its role's.
    private static func function(_ id: String, _ p: JSONObject, at: String, file: String) throws(ReaderError) -> (JSONObject, JSONObject?) {
        var function = JSONObject()
        for key in ["FunctionName", "Description", "Handler", "Runtime", "MemorySize", "Timeout", "Environment", "VpcConfig", "Layers",
                    "Architectures", "KmsKeyArn", "ReservedConcurrentExecutions", "PackageType", "ImageConfig", "EphemeralStorage",
                    "TracingConfig", "FileSystemConfigs", "LoggingConfig", "RuntimeManagementConfig", "SnapStart", "Role"] {
            if let value = p[key] { function[key] = value }
        }
        if let code = p["CodeUri"] ?? p["InlineCode"].map({ ["ZipFile": $0] }) ?? p["ImageUri"].map({ ["ImageUri": $0] }) { function["Code"] = code }
        if let tracing = p["Tracing"] { function["TracingConfig"] = ["Mode": tracing] }
        if case .object(let tags)? = p["Tags"] {
            function["Tags"] = .array(tags.map { ["Key": .string($0.key), "Value": $0.value] })
        }
        if p["Role"] != nil { return (function, nil) }
        function["Role"] = ["Fn::GetAtt": [.string(id + "Role"), "Arn"]]
        var managed: [JSON] = [managedPolicyARN("service-role/AWSLambdaBasicExecutionRole")]
        if let tracing = p["Tracing"], tracing != "Disabled" { managed.append(managedPolicyARN("AWSXrayWriteOnlyAccess")) }
        if p["VpcConfig"] != nil { managed.append(managedPolicyARN("service-role/AWSLambdaVPCAccessExecutionRole")) }
        // Pull-based event sources add their execution role (samtranslator model/eventsources/pull.py).
        let eventPolicies = ["SQS": "service-role/AWSLambdaSQSQueueExecutionRole", "Kinesis": "service-role/AWSLambdaKinesisExecutionRole",
                             "DynamoDB": "service-role/AWSLambdaDynamoDBExecutionRole", "MSK": "service-role/AWSLambdaMSKExecutionRole"]
        for (_, event) in p["Events"]?.objectValue ?? [:] {
            if let type = event["Type"]?.stringValue, let policy = eventPolicies[type], !managed.contains(managedPolicyARN(policy)) {
                managed.append(managedPolicyARN(policy))
            }
        }
        var inline: [JSON] = []
        if case .object(let queue)? = p["DeadLetterQueue"], let type = queue["Type"]?.stringValue, let target = queue["TargetArn"] {
            let action: JSON = type == "SNS" ? "sns:Publish" : "sqs:SendMessage"
            inline.append(["PolicyName": .string(id + "RolePolicy" + String(inline.count)),
                           "PolicyDocument": ["Version": "2012-10-17", "Statement": [["Effect": "Allow", "Action": action, "Resource": target]]]])
        }
        let trust = p["AssumeRolePolicyDocument"] ?? [
            "Version": "2012-10-17",
            "Statement": [["Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": ["Service": ["lambda.amazonaws.com"]]]],
        ]
        return (function, try role(id, trust: trust, policies: p["Policies"], managed: managed, inline: inline, path: p["RolePath"],
                                    boundary: p["PermissionsBoundary"], at: at))
    }

    /// The state machine's properties and, unless it names its `Role`, its role's.
    private static func stateMachine(_ id: String, _ p: JSONObject, at: String, file: String) throws(ReaderError) -> (JSONObject, JSONObject?) {
        var machine = JSONObject()
        if let name = p["Name"] { machine["StateMachineName"] = name }
        if let type = p["Type"] { machine["StateMachineType"] = type }
        if let definition = p["Definition"] { machine["Definition"] = definition }
        if let uri = p["DefinitionUri"] { machine["DefinitionS3Location"] = uri }
        if let substitutions = p["DefinitionSubstitutions"] { machine["DefinitionSubstitutions"] = substitutions }
        if let role = p["Role"] {
            machine["RoleArn"] = role
            return (machine, nil)
        }
        machine["RoleArn"] = ["Fn::GetAtt": [.string(id + "Role"), "Arn"]]
        var managed: [JSON] = []
        if p["Tracing"]?["Enabled"] == .bool(true) { managed.append(managedPolicyARN("AWSXrayWriteOnlyAccess")) }
        let trust: JSON = [
            "Version": "2012-10-17",
            "Statement": [["Action": ["sts:AssumeRole"], "Effect": "Allow", "Principal": ["Service": ["states.amazonaws.com"]]]],
        ]
        return (machine, try role(id, trust: trust, policies: p["Policies"], managed: managed, inline: [], path: p["RolePath"],
                                  boundary: p["PermissionsBoundary"], at: at))
    }

    /// A generated role (samtranslator `construct_role_for_resource`): `Policies` entries in order, inline
    /// policies named `<Resource>RolePolicy<index of the entry>`.
    private static func role(
        _ id: String, trust: JSON, policies: JSON?, managed: [JSON], inline: [JSON], path: JSON?, boundary: JSON?, at: String
    ) throws(ReaderError) -> JSONObject {
        var managed = managed, inline = inline
        let entries: [JSON]
        switch policies {
        case nil: entries = []
        case .array(let items)?: entries = items
        case let single?: entries = [single]
        }
        for (index, entry) in entries.enumerated() {
            let name = JSON.string(id + "RolePolicy" + String(index))
            switch try classify(entry, at: "\(at).Policies[\(index)]") {
            case .managed(let arn): if !managed.contains(arn) { managed.append(arn) }
            case .document(let document): inline.append(["PolicyName": name, "PolicyDocument": document])
            case .conditional(let condition, let a, let b):
                // Fn::If of managed policies stays a conditional item of ManagedPolicyArns; of documents, of Policies.
                func value(_ c: Entry?, document: Bool) -> JSON {
                    switch c {
                    case .managed(let arn)? where !document: arn
                    case .document(let d)? where document: ["PolicyName": name, "PolicyDocument": d]
                    default: ConditionalValue.noValue
                    }
                }
                let isDocument = { (c: Entry?) -> Bool in if case .document? = c { return true } else { return false } }
                if isDocument(a) || isDocument(b) {
                    inline.append(["Fn::If": [.string(condition), value(a, document: true), value(b, document: true)]])
                } else {
                    managed.append(["Fn::If": [.string(condition), value(a, document: false), value(b, document: false)]])
                }
            }
        }
        var role: JSONObject = ["AssumeRolePolicyDocument": trust, "ManagedPolicyArns": .array(managed)]
        if !inline.isEmpty { role["Policies"] = .array(inline) }
        if let path { role["Path"] = path }
        if let boundary { role["PermissionsBoundary"] = boundary }
        return role
    }

    private indirect enum Entry {
        case managed(JSON)
        case document(JSON)
        case conditional(String, Entry?, Entry?)
    }

    /// One `Policies` entry: a managed policy (name, ARN, intrinsic), a document, a policy template, an `Fn::If`.
    private static func classify(_ entry: JSON, at: String) throws(ReaderError) -> Entry {
        switch entry {
        case .string(let name):
            if name.hasPrefix("arn:") { return .managed(entry) }
            return .managed(managedPolicyARN(managedPolicyPaths[name] ?? name))
        case .object(let members):
            if members["Statement"] != nil { return .document(entry) }
            if let (key, argument) = entry.singleMember {
                if key == "Fn::If", case .array(let args) = argument, args.count == 3, let condition = args[0].stringValue {
                    func branch(_ value: JSON) throws(ReaderError) -> Entry? { value == ConditionalValue.noValue ? nil : try classify(value, at: at) }
                    return .conditional(condition, try branch(args[1]), try branch(args[2]))
                }
                if key == "Ref" || key.hasPrefix("Fn::") { return .managed(entry) }
                if let template = policyTemplates[key] { return .document(try expandTemplate(key, template, argument, at: at)) }
            }
            throw ReaderError(location: at, "not a policy SAM knows: a managed policy name or ARN, a policy document, or one of SAM's policy templates")
        default:
            throw ReaderError(location: at, "a policy is a name, an ARN, a document or a policy template, not \(entry.kindDescription)")
        }
    }

    /// A policy template's Definition with its parameters' values in place of `{"Ref": Parameter}`.
    private static func expandTemplate(_ name: String, _ template: JSON, _ arguments: JSON, at: String) throws(ReaderError) -> JSON {
        let values = arguments.objectValue ?? [:]
        let parameters = template["Parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
        for parameter in parameters where values[parameter] == nil {
            throw ReaderError(location: at + "." + name, "the policy template \(name) needs the parameter \(parameter)")
        }
        func substitute(_ value: JSON) -> JSON {
            switch value {
            case .object(let members):
                if members.count == 1, case .string(let ref)? = members["Ref"], parameters.contains(ref), let given = values[ref] { return given }
                return .object(members.mapValues(substitute))
            case .array(let items): return .array(items.map(substitute))
            default: return value
            }
        }
        var definition = substitute(template["Definition"] ?? [:]).objectValue ?? [:]
        if definition["Version"] == nil { definition["Version"] = "2012-10-17" }
        return .object(definition)
    }
}
