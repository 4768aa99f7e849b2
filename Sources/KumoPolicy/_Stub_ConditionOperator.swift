// TEMPORARY: replaced by the KumoPolicy module from branch `policy` at merge.
public struct ConditionOperator: Hashable, Sendable, CustomStringConvertible {
    public enum Base: String, Sendable, CaseIterable {
        case stringEquals = "StringEquals", stringNotEquals = "StringNotEquals", stringLike = "StringLike",
            stringNotLike = "StringNotLike", null = "Null"
    }
    public enum SetQualifier: String, Sendable { case forAnyValue = "ForAnyValue", forAllValues = "ForAllValues" }
    public var base: Base
    public var qualifier: SetQualifier?
    public var isIfExists: Bool
    public init(_ base: Base, qualifier: SetQualifier? = nil, ifExists: Bool = false) {
        self.base = base
        self.qualifier = qualifier
        self.isIfExists = ifExists
    }
    public static let stringEquals = ConditionOperator(.stringEquals)
    public static let stringLike = ConditionOperator(.stringLike)
    public static let null = ConditionOperator(.null)
    public var name: String { (qualifier.map { $0.rawValue + ":" } ?? "") + base.rawValue + (isIfExists ? "IfExists" : "") }
    public var description: String { name }
}
