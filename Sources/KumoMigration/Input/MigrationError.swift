/// Input `kumo migrate` cannot work with: a message naming the file and the problem, and what to do.
public struct MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    /// How to fix it, when there is something to say.
    public var fix: String?

    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    public var description: String { fix.map { "\(message)\n  fix: \($0)" } ?? message }
}
