import KumoJSON

/// What a `Ref` or `Fn::GetAtt` points at: a template element owned by a construct (the normal case, resolved
/// to its logical ID at synthesis), or a logical ID written by hand (for elements Kumo does not model).
public enum ElementTarget: Hashable {
    /// A template element built by a construct: its logical ID is computed at synthesis.
    case element(CfnElement)
    /// A logical ID given as text, for an element Kumo does not model.
    case logicalID(String)
}

/// CloudFormation's intrinsic functions, typed.
public indirect enum Intrinsic: Hashable {
    /// `{"Ref": id}`: a resource's physical ID (or ARN, per type), a parameter's value.
    case ref(ElementTarget)
    /// `{"Ref": "AWS::…"}`: a pseudo parameter.
    case pseudo(Pseudo)
    /// `{"Fn::GetAtt": [id, attribute]}`.
    case getAtt(ElementTarget, String)
    /// `{"Fn::Join": [delimiter, [values]]}`.
    case join(String, [Value])
    /// `{"Fn::Sub": template}` or `{"Fn::Sub": [template, {variables}]}`.
    case sub(String, OrderedDictionary<String, Value>)
    /// `{"Fn::Select": [index, list]}`.
    case select(Int, Value)
    /// `{"Fn::Split": [delimiter, source]}`.
    case split(String, Value)
    /// `{"Fn::GetAZs": region}`.
    case getAZs(Value)
    /// `{"Fn::Base64": value}`.
    case base64(Value)
    /// `{"Fn::ImportValue": exportName}`.
    case importValue(Value)
    /// `{"Fn::FindInMap": [map, topKey, secondKey]}`.
    case findInMap(String, Value, Value)
    /// `{"Fn::Cidr": [ipBlock, count, cidrBits]}`.
    case cidr(Value, Value, Value)
    /// `{"Fn::If": [condition, whenTrue, whenFalse]}`.
    case `if`(String, Value, Value)
    /// `{"Fn::Equals": [a, b]}`.
    case equals(Value, Value)
    /// `{"Fn::Not": [condition]}`.
    case not(Value)
    /// `{"Fn::And": [conditions]}`.
    case and([Value])
    /// `{"Fn::Or": [conditions]}`.
    case or([Value])
    /// `{"Condition": name}` inside condition functions.
    case condition(String)

    /// The intrinsic's own argument values, in order (not including target elements).
    public var arguments: [Value] {
        switch self {
        case .ref, .pseudo, .getAtt, .condition: []
        case .join(_, let values): values
        case .sub(_, let variables): Array(variables.values)
        case .select(_, let list): [list]
        case .split(_, let source): [source]
        case .getAZs(let v), .base64(let v), .importValue(let v), .not(let v): [v]
        case .findInMap(_, let a, let b): [a, b]
        case .cidr(let a, let b, let c): [a, b, c]
        case .if(_, let a, let b): [a, b]
        case .equals(let a, let b): [a, b]
        case .and(let values), .or(let values): values
        }
    }

    /// The CloudFormation name of the function (`Ref`, `Fn::Join`, …).
    public var functionName: String {
        switch self {
        case .ref, .pseudo: "Ref"
        case .getAtt: "Fn::GetAtt"
        case .join: "Fn::Join"
        case .sub: "Fn::Sub"
        case .select: "Fn::Select"
        case .split: "Fn::Split"
        case .getAZs: "Fn::GetAZs"
        case .base64: "Fn::Base64"
        case .importValue: "Fn::ImportValue"
        case .findInMap: "Fn::FindInMap"
        case .cidr: "Fn::Cidr"
        case .if: "Fn::If"
        case .equals: "Fn::Equals"
        case .not: "Fn::Not"
        case .and: "Fn::And"
        case .or: "Fn::Or"
        case .condition: "Condition"
        }
    }
}

/// CloudFormation's pseudo parameters.
public enum Pseudo: String, Hashable, Sendable, CaseIterable {
    /// `AWS::AccountId`: the account the stack is deployed in.
    case accountId = "AWS::AccountId"
    /// `AWS::NotificationARNs`: the SNS topics the stack sends its events to.
    case notificationARNs = "AWS::NotificationARNs"
    /// `AWS::NoValue`: removes the property it is the value of (in an `Fn::If` branch).
    case noValue = "AWS::NoValue"
    /// `AWS::Partition`: `aws`, `aws-cn` or `aws-us-gov`.
    case partition = "AWS::Partition"
    /// `AWS::Region`: the region the stack is deployed in.
    case region = "AWS::Region"
    /// `AWS::StackId`: the stack's ARN.
    case stackId = "AWS::StackId"
    /// `AWS::StackName`: the stack's name.
    case stackName = "AWS::StackName"
    /// `AWS::URLSuffix`: `amazonaws.com` (`amazonaws.com.cn` in China).
    case urlSuffix = "AWS::URLSuffix"

    /// `{"Ref": "AWS::…"}` as a value.
    public var value: Value { .fn(.pseudo(self)) }
}

extension Value {
    /// `{"Ref": element}`.
    public static func ref(_ element: CfnElement) -> Value { .fn(.ref(.element(element))) }
    /// `{"Fn::GetAtt": [element, attribute]}`.
    public static func getAtt(_ element: CfnElement, _ attribute: String) -> Value {
        .fn(.getAtt(.element(element), attribute))
    }
    /// `{"Fn::Select": [index, list]}`.
    public static func select(_ index: Int, _ list: Value) -> Value { .fn(.select(index, list)) }
    /// `{"Fn::Split": [delimiter, source]}`.
    public static func split(_ delimiter: String, _ source: Value) -> Value { .fn(.split(delimiter, source)) }
    /// `{"Fn::Join": [delimiter, values]}`.
    public static func join(_ delimiter: String, _ values: [Value]) -> Value { .fn(.join(delimiter, values)) }
    /// A pseudo parameter.
    public static func pseudo(_ p: Pseudo) -> Value { p.value }
}
