/// A finding about the construct tree: an error that stops synthesis, or a warning / note that is reported.
///
/// Every diagnostic names the construct path it is about and, for errors, how to fix it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is, ordered `info` < `warning` < `error`.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// A note: reported, never fails anything.
        case info
        /// Reported; synthesis goes on.
        case warning
        /// Stops synthesis: nothing is written.
        case error

        /// Orders severities from `info` to `error`.
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.info, .warning, .error]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// Whether the diagnostic stops synthesis (`error`) or is only reported.
    public var severity: Severity
    /// The construct path (`MyEKSStack/RoleGithub`), or `""` for the app itself.
    public var path: String
    /// What is wrong, in a sentence that names the value at fault.
    public var message: String
    /// What to change so that the error goes away.
    public var fix: String?

    /// A diagnostic about the construct at `path`, with the fix for errors.
    public init(_ severity: Severity, path: String, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.path = path
        self.message = message
        self.fix = fix
    }

    /// An error about the construct at `path`: synthesis stops and nothing is written.
    public static func error(_ path: String, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.error, path: path, message, fix: fix)
    }

    /// A warning about the construct at `path`: reported, synthesis goes on.
    public static func warning(_ path: String, _ message: String, fix: String? = nil) -> Diagnostic {
        Diagnostic(.warning, path: path, message, fix: fix)
    }

    /// `error: MyEKSStack/RoleGithub: <message>` and, on the next line, `  fix: <fix>`.
    public var description: String {
        var text = "\(severity.rawValue): \(path.isEmpty ? "<app>" : path): \(message)"
        if let fix { text += "\n  fix: \(fix)" }
        return text
    }
}

/// Synthesis stopped: the construct tree has errors. Nothing was written.
public struct SynthesisError: Error, CustomStringConvertible, Sendable {
    /// Every error found (synthesis reports all of them, not just the first), then warnings.
    public var diagnostics: [Diagnostic]

    /// The error for `diagnostics`, errors and warnings together.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// The diagnostics that are errors, in the order they were found.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// `synthesis failed with N errors; nothing was written`, then each error with its fix.
    public var description: String {
        let errors = errors
        let header = "synthesis failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was written"
        return ([header] + errors.map(\.description)).joined(separator: "\n")
    }
}
