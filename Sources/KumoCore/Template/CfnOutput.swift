import KumoJSON

/// A stack output (`Outputs` section): a value shown after deployment and optionally exported.
public final class CfnOutput: CfnElement {
    public var value: Value
    public var outputDescription: String?
    public var exportName: Value?
    public var condition: String?

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
    public var type: String
    public var defaultValue: JSON?
    public var allowedPattern: String?
    public var allowedValues: [String]?
    public var parameterDescription: String?
    public var noEcho: Bool

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
    public var expression: Value

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
