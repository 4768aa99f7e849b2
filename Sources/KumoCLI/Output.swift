import Foundation
import ArgumentParser
import KumoAnalysis

/// Writing to standard output (data) and standard error (diagnostics).
enum Output {
    /// Everything the analysis commands print goes through ``Symbol/readable(_:)``: a deploy-time value is
    /// shown as `<AWS::AccountId>`, never as its internal encoding, whatever the format.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((Symbol.readable(text) + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((Symbol.readable(text) + "\n").utf8))
    }

    /// Whether standard output is a terminal (colours only then, and not with NO_COLOR).
    static var isTerminal: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// A command failed on its input: the message goes to standard error and the exit code is 2.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension ExitCode {
    /// Invalid input or usage.
    static let inputError = ExitCode(2)
}
