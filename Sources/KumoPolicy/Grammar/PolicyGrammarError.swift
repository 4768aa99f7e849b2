/// One problem in a policy document, located by a JSON path such as
/// `Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"]`.
public struct PolicyGrammarError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem (stable, for tools and tests).
    public enum Code: String, CaseIterable, Hashable, Sendable {
        case invalidJSON
        case invalidType
        case unknownElement
        case missingElement
        case conflictingElements
        case forbiddenElement
        case invalidVersion
        case invalidEffect
        case emptyStatement
        case emptyValue
        case duplicateSid
        case invalidSid
        case invalidAction
        case actionNotAllowed
        case invalidPrincipal
        case invalidResource
        case unknownConditionOperator
        case nullWithIfExists
        case invalidConditionValue
        case duplicateConditionKey
        case emptyConditionKey
    }

    /// The kind of problem.
    public var code: Code
    /// Where: a path from the document root (`$` for the root itself).
    public var path: String
    /// What is wrong and how to fix it (without the path).
    public var message: String

    /// An error of kind `code` at `path`.
    public init(_ code: Code, at path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}

/// Every problem found in a policy document (never empty when thrown).
public struct PolicyGrammarErrors: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in document order.
    public var errors: [PolicyGrammarError]

    /// Wraps a list of problems.
    public init(_ errors: [PolicyGrammarError]) { self.errors = errors }

    /// One problem per line.
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    /// Whether some error has `code` at `path`.
    public func contains(_ code: PolicyGrammarError.Code, at path: String) -> Bool {
        errors.contains { $0.code == code && $0.path == path }
    }
}
