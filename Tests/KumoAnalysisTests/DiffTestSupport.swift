import Foundation
@testable import KumoAnalysis
import KumoJSON

/// Small hand-written templates for the diff tests.
enum DiffFixture {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../cdk.out.sample").standardized.path

    static let issuerProvider: JSON = ["Type": "AWS::IAM::OIDCProvider", "Properties": ["Url": "https://oidc.example.com/id/1", "ClientIdList": ["sts.amazonaws.com"]]]

    /// A template from JSON text.
    static func template(_ text: String, name: String = "S") throws -> CloudTemplate {
        try CloudTemplate(json: try JSON(parsing: text), name: name, file: "\(name).json", environment: .init(account: "111122223333", region: "eu-west-1"))
    }

    /// A template from resources.
    static func template(_ resources: JSONObject, extra: JSONObject = [:]) throws -> CloudTemplate {
        var top: JSONObject = ["Resources": .object(resources)]
        for (k, v) in extra { top[k] = v }
        return try CloudTemplate(json: .object(top), name: "S", file: "S.json", environment: .init(account: "111122223333", region: "eu-west-1"))
    }

    /// A role whose trust policy has `statements`.
    static func role(_ name: String = "app", trust: [JSON], managed: [JSON] = [], inline: [JSON] = []) -> JSON {
        var properties: JSONObject = [
            "RoleName": .string(name),
            "AssumeRolePolicyDocument": ["Version": "2012-10-17", "Statement": .array(trust)],
        ]
        if !managed.isEmpty { properties["ManagedPolicyArns"] = .array(managed) }
        if !inline.isEmpty { properties["Policies"] = .array(inline) }
        return ["Type": "AWS::IAM::Role", "Properties": .object(properties)]
    }

    /// An IRSA-style trust statement on `key` with `op` and `values`.
    static func webIdentity(_ op: String = "StringEquals", _ key: String = "oidc.example.com/id/1:sub", values: JSON, extra: JSONObject = [:]) -> JSON {
        var conditions: JSONObject = [op: .object([key: values])]
        for (k, v) in extra { conditions[k] = v }
        return [
            "Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
            "Principal": ["Federated": ["Ref": "Provider"]],
            "Condition": .object(conditions),
        ]
    }

    /// A managed policy with `statements`.
    static func policy(name: String = "p", _ statements: [JSON]) -> JSON {
        ["Type": "AWS::IAM::ManagedPolicy", "Properties": ["ManagedPolicyName": .string(name), "PolicyDocument": ["Version": "2012-10-17", "Statement": .array(statements)]]]
    }

    static func allow(_ actions: JSON, _ resources: JSON = "*", condition: JSON? = nil) -> JSON {
        var s: JSONObject = ["Effect": "Allow", "Action": actions, "Resource": resources]
        if let condition { s["Condition"] = condition }
        return .object(s)
    }

    static func deny(_ actions: JSON, _ resources: JSON = "*") -> JSON {
        ["Effect": "Deny", "Action": actions, "Resource": resources]
    }

    /// The diff of two single-stack templates.
    static func diff(_ old: CloudTemplate, _ new: CloudTemplate, strict: Bool = false) throws -> StackDiff {
        try TemplateDiff.compare(old: [old], new: [new], options: .init(strict: strict)).stacks[0]
    }
}
