import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall time and peak resident memory of a whole child process, as `/usr/bin/time -v` reports them
/// (`wait4`'s `ru_maxrss`: the largest resident set of the process, in KiB).
struct ProcessMeasurement {
    var seconds: Double
    var maxRSSKiB: Int
    var status: Int32

    var maxRSSMiB: Double { Double(maxRSSKiB) / 1024 }

    /// Runs `executable` with `arguments`, output discarded, and measures it.
    static func run(_ executable: String, _ arguments: [String]) throws -> ProcessMeasurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let end = DispatchTime.now().uptimeNanoseconds
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ProcessMeasurement(seconds: Double(end - start) / 1e9, maxRSSKiB: Int(usage.ru_maxrss), status: exitStatus)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The median of a non-empty list.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
