import KumoJSON

/// A stack output (`Outputs` section): a value shown after deployment and optionally exported.
public final class CfnOutput: CfnElement {
    /// The output's `Value`.
    public var value: Value
    /// The output's `Description`.
    public var outputDescription: String?
    /// The `Export.Name` other stacks import the value by (`Fn::ImportValue`); not exported when `nil`.
    public var exportName: Value?
    /// The name of a template condition the output depends on (`Condition`).
    public var condition: String?

    /// An output `id` of `scope`'s stack with `value`, an optional description and export name.
    @discardableResult
    public init(_ scope: Construct, _ id: String, value: Value, description: String? = nil, exportName: Value? = nil) {
        self.value = value
        self.outputDescription = description
        self.exportName = exportName
        super.init(scope, id)
    }

    public override func renderFragments(_ context: ResolutionContext) throws(ResolutionError) -> [TemplateFragment] {
        let ctx = ResolutionContext(stack: context.stack, referrer: node.path)
        var body = JSONObject()
        if let outputDescription { body["Description"] = .string(outputDescription) }
        body["Value"] = try value.resolve(ctx)
        if let exportName { body["Export"] = ["Name": try exportName.resolve(ctx)] }
        if let condition { body["Condition"] = .string(condition) }
        return [TemplateFragment(.outputs, logicalID, .object(body))]
    }
}

/// A stack parameter (`Parameters` section): a value supplied at deployment.
public final class CfnParameter: CfnElement {
    /// The parameter's `Type` (`String`, `Number`, `List<AWS::EC2::Subnet::Id>`, `AWS::SSM::Parameter::Value<String>`, …).
    public var type: String
    /// The `Default` value, used when the deployment gives none.
    public var defaultValue: JSON?
    /// The `AllowedPattern` a string value must match.
    public var allowedPattern: String?
    /// The `AllowedValues` the value must be one of.
    public var allowedValues: [String]?
    /// The parameter's `Description`.
    public var parameterDescription: String?
    /// `NoEcho`: the value is masked in the console and the API's answers.
    public var noEcho: Bool

    /// A parameter `id` of `scope`'s stack, of `type` (`String` by default), with its constraints.
    @discardableResult
    public init(
        _ scope: Construct, _ id: String, type: String = "String", default defaultValue: JSON? = nil,
        allowedPattern: String? = nil, allowedValues: [String]? = nil, description: String? = nil,
        noEcho: Bool = false
    ) {
        self.type = type
        self.defaultValue = defaultValue
        self.allowedPattern = allowedPattern
        self.allowedValues = allowedValues
        self.parameterDescription = description
        self.noEcho = noEcho
        super.init(scope, id)
    }

    /// `{"Ref": <parameter>}`: the parameter's value.
    public var value: Value { .ref(self) }

    public override func renderFragments(_ context: ResolutionContext) throws(ResolutionError) -> [TemplateFragment] {
        var body = JSONObject()
        body["Type"] = .string(type)
        if let defaultValue { body["Default"] = defaultValue }
        if let allowedPattern { body["AllowedPattern"] = .string(allowedPattern) }
        if let allowedValues { body["AllowedValues"] = .array(allowedValues.map(JSON.string)) }
        if let parameterDescription { body["Description"] = .string(parameterDescription) }
        if noEcho { body["NoEcho"] = true }
        return [TemplateFragment(.parameters, logicalID, .object(body))]
    }
}

/// A template condition (`Conditions` section).
public final class CfnCondition: CfnElement {
    /// The condition's expression (`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition`).
    public var expression: Value

    /// A condition `id` of `scope`'s stack, true when `expression` is.
    @discardableResult
    public init(_ scope: Construct, _ id: String, expression: Value) {
        self.expression = expression
        super.init(scope, id)
    }

    public override func renderFragments(_ context: ResolutionContext) throws(ResolutionError) -> [TemplateFragment] {
        let ctx = ResolutionContext(stack: context.stack, referrer: node.path)
        return [TemplateFragment(.conditions, logicalID, try expression.resolve(ctx))]
    }
}
