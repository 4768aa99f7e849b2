import Foundation

/// Instruction counts of whole processes under valgrind's callgrind: repeatable to a fraction of a percent on a
/// shared, noisy machine where wall times are not.
enum Callgrind {
    /// valgrind's path, when it is installed.
    static func find() -> String? {
        ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The instructions `executable arguments` runs (callgrind's "Collected" total, every thread).
    /// valgrind 3.19 gives up on the Swift 6.3 binaries' DWARF ("possibly corrupted debuginfo"), so it runs a copy
    /// stripped of debug information (the same code: the count is unchanged) next to the original, whose
    /// directory the binaries are looked up in.
    static func count(_ valgrind: String, _ executable: String, _ arguments: [String]) throws -> Int {
        let stripped = executable + ".callgrind"
        if !FileManager.default.isExecutableFile(atPath: stripped) {
            let strip = try ChildOutput.run("/usr/bin/env", ["strip", "--strip-debug", "-o", stripped, executable])
            guard strip.status == 0 else { throw BenchError("strip --strip-debug \(executable) failed: \(strip.stderr)") }
        }
        let output = try ChildOutput.run(valgrind, ["--tool=callgrind", "--callgrind-out-file=/dev/null", stripped] + arguments)
        guard output.status == 0 || output.status == 1,
            let line = output.stderr.split(separator: "\n").last(where: { $0.contains("Collected :") }),
            let n = line.split(separator: " ").last.flatMap({ Int($0) })
        else { throw BenchError("callgrind failed on \(executable) \(arguments.joined(separator: " ")) (exit \(output.status))") }
        return n
    }

    /// "123.4 M" style.
    static func format(_ n: Int) -> String {
        switch n {
        case 1_000_000_000...: String(format: "%.2f G", Double(n) / 1e9)
        case 1_000_000...: String(format: "%.1f M", Double(n) / 1e6)
        case 10_000...: String(format: "%.1f k", Double(n) / 1e3)
        default: "\(n)"
        }
    }
}

/// A child process's exit status and output.
struct ChildOutput {
    var status: Int32
    var stdout: String
    var stderr: String

    static func run(_ executable: String, _ arguments: [String]) throws -> ChildOutput {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes are drained at once (stderr on another thread), so that neither fills up and blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box()
        let reader = Thread { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1_000) }
        return ChildOutput(status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
                           stderr: String(decoding: errors.data, as: UTF8.self))
    }
}

/// Trust throughput in a child `kumo-bench trust-rate` (so that each build is measured with its own code).
enum TrustRate {
    /// Rounds of the mix counted under callgrind (the per-evaluation figure is the difference to 0 rounds).
    static let countedRounds = 2_000

    static func measure(_ bench: String) throws -> Double {
        let output = try ChildOutput.run(bench, ["trust-rate", "2"])
        guard output.status == 0, let rate = Double(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchError("\(bench) trust-rate failed (\(output.status)): \(output.stderr)")
        }
        return rate
    }
}
