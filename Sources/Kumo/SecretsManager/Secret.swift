import KumoJSON

/// How Secrets Manager generates a secret's value (`GenerateSecretString`).
public struct GeneratedSecretString: Hashable, Sendable {
    /// A JSON object the generated string is added to (`{"username":"postgres"}`).
    public var secretStringTemplate: String?
    /// The key of the generated string in the template (`password`).
    public var generateStringKey: String?
    public var passwordLength: Int?
    /// Characters the generated string never contains.
    public var excludeCharacters: String?

    public init(secretStringTemplate: String? = nil, generateStringKey: String? = nil, passwordLength: Int? = nil,
                excludeCharacters: String? = nil) {
        self.secretStringTemplate = secretStringTemplate
        self.generateStringKey = generateStringKey
        self.passwordLength = passwordLength
        self.excludeCharacters = excludeCharacters
    }

    var l1Value: SecretsManager.CfnSecret.GenerateSecretString {
        .init(
            excludeCharacters: excludeCharacters.map { CfnString($0) }, generateStringKey: generateStringKey.map { CfnString($0) },
            passwordLength: passwordLength.map { CfnInteger($0) }, secretStringTemplate: secretStringTemplate.map { CfnString($0) })
    }
}

/// A Secrets Manager secret (`AWS::SecretsManager::Secret`) whose value Secrets Manager generates.
///
/// ```swift
/// let secret = Secret(stack, "Secret", name: "database-secrets",
///                     generate: GeneratedSecretString(secretStringTemplate: #"{"username":"postgres"}"#,
///                                                     generateStringKey: "password", passwordLength: 30))
/// secret.attach(to: database)   // rotation-ready: the secret gains host, port, engine…
/// ```
public final class Secret: Construct {
    public var name: String?
    public var secretDescription: Value?
    public var generate: GeneratedSecretString?
    public var removalPolicy: RemovalPolicy
    /// When set, the secret's logical ID embeds a hash of the generation settings that decide the
    /// password's alphabet, so that changing them replaces the secret (CDK's
    /// `replaceOnPasswordCriteriaChanges`): `<unique ID><md5 of {"excludeCharacters":…}>`.
    public let replaceOnGenerationChange: Bool
    private var l1: SecretsManager.CfnSecret!

    @discardableResult
    public init(
        _ scope: Construct, _ id: String, name: String? = nil, description: Value? = nil,
        generate: GeneratedSecretString? = nil, removalPolicy: RemovalPolicy = .retain,
        replaceOnGenerationChange: Bool = false
    ) {
        self.name = name
        self.secretDescription = description
        self.generate = generate
        self.removalPolicy = removalPolicy
        self.replaceOnGenerationChange = replaceOnGenerationChange
        super.init(scope, id)
        l1 = SecretsManager.CfnSecret(
            self, "Resource", description: .lazy { self.secretDescription.map { CfnString($0) } },
            generateSecretString: .lazy { self.generate?.l1Value }, name: .lazy { self.name.map { CfnString($0) } })
        l1.removalPolicy = removalPolicy
        if replaceOnGenerationChange {
            let criteria = JSON.object(generate?.excludeCharacters.map { ["excludeCharacters": .string($0)] } ?? [:])
            let id = LogicalIDs.uniqueID(self) + LogicalIDs.md5Hex(criteria.serialized())
            l1.overrideLogicalID(String(id.suffix(255)))
        }
    }

    /// The L1 resource (`AWS::SecretsManager::Secret`); edits made through it win over this construct's values.
    public var resource: SecretsManager.CfnSecret { l1 }
    /// The secret's ARN (`Ref`).
    public var secretARN: Value { l1.ref }

    /// A dynamic reference to one JSON field of the secret's value, resolved by CloudFormation at deploy
    /// time (`{{resolve:secretsmanager:<arn>:SecretString:<field>::}}`); the value never appears in the template.
    public func field(_ key: String) -> Value { "{{resolve:secretsmanager:\(secretARN):SecretString:\(key)::}}" }

    /// Attaches the secret to a database (`AWS::SecretsManager::SecretTargetAttachment` at `<id>/Attachment`),
    /// which adds the connection details to the secret's value.
    @discardableResult
    public func attach(targetID: Value, targetType: String) -> SecretsManager.CfnSecretTargetAttachment {
        let attachment = Construct(self, "Attachment")
        return SecretsManager.CfnSecretTargetAttachment(
            attachment, "Resource", secretId: CfnString(secretARN), targetId: CfnString(targetID),
            targetType: CfnString(targetType))
    }

    public override func prepare() {
        l1.removalPolicy = removalPolicy
    }

    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        if let name {
            let valid = (1...512).contains(name.count)
                && name.unicodeScalars.allSatisfy { IAMNames.isAlphanumeric($0) || "/_+=.@-".unicodeScalars.contains($0) }
            if !valid {
                found.append(.error(node.path, "secret name \"\(name)\" is not valid", fix: "use 1-512 characters: letters, digits and /_+=.@-"))
            }
        }
        if let length = generate?.passwordLength, !(1...4096).contains(length) {
            found.append(.error(node.path, "password length \(length) is outside 1-4096", fix: "choose a length between 1 and 4096"))
        }
        if let template = generate?.secretStringTemplate, (try? JSON(parsing: template))?.objectValue == nil {
            found.append(.error(node.path, "the secret string template is not a JSON object", fix: "give a JSON object such as {\"username\":\"admin\"}"))
        }
        if generate?.secretStringTemplate != nil && generate?.generateStringKey == nil {
            found.append(.error(node.path, "a secret string template needs a generateStringKey", fix: "name the key of the generated value, e.g. \"password\""))
        }
        return found
    }
}
