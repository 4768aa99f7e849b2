import Foundation
import ArgumentParser

/// Writing to standard output (data) and standard error (diagnostics).
enum Output {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
