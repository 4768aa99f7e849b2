import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import Stacks

// kumo-bench: Kumo's speed and memory, measured on whole processes (as CDK's figures were), printed as a table
// beside the CDK baselines. Run it through `scripts/bench`, which builds the release binaries first.
//
//   kumo-bench [--runs N] [--build NAME=DIR]... [--no-instructions|--all-instructions]   every benchmark, for each build
//   kumo-bench trust [TEMPLATE] [S]  trust evaluations per second on one template
//   kumo-bench synth-scale N DIR     (child process) synthesize the N-role scaling app into DIR
//   kumo-bench trust-rate [S]        (child process) trust evaluations per second on Kumo's template
//   kumo-bench trust-count ROUNDS    (child process, under callgrind) the trust mix evaluated ROUNDS times

let arguments = Array(CommandLine.arguments.dropFirst())

if arguments.first == "synth-scale", arguments.count == 3, let roles = Int(arguments[1]) {
    do {
        let clock = ContinuousClock()
        let t0 = clock.now
        let app = ScalingApp.make(roles: roles)
        let t1 = clock.now
        let assembly = try app.synthesize()
        let t2 = clock.now
        try assembly.write(to: arguments[2])
        let t3 = clock.now
        if ProcessInfo.processInfo.environment["KUMO_BENCH_PHASES"] != nil {
            FileHandle.standardError.write(Data("build \(t1 - t0), synthesize \(t2 - t1), write \(t3 - t2)\n".utf8))
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(2)
    }
}

if arguments.first == "trust-rate" {
    // (child process) trust evaluations per second on Kumo's template, one thread: kumo-bench trust-rate [SECONDS]
    do {
        print(Int(try TrustWorkload.bundled().run(seconds: arguments.dropFirst().first.flatMap(Double.init) ?? 2)))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("kumo-bench: \(error)\n".utf8))
        exit(2)
    }
}

if arguments.first == "trust-count", arguments.count == 2, let rounds = Int(arguments[1]) {
    // (child process, under callgrind) the mix evaluated ROUNDS times: kumo-bench trust-count ROUNDS
    do {
        let workload = try TrustWorkload.bundled()
        exit(try workload.evaluate(rounds: rounds) == -1 ? 1 : 0)
    } catch {
        FileHandle.standardError.write(Data("kumo-bench: \(error)\n".utf8))
        exit(2)
    }
}

if arguments.first == "trust" {
    // Trust throughput on any template: kumo-bench trust [TEMPLATE|ASSEMBLY] [SECONDS]
    let path = arguments.dropFirst().first ?? "cdk.out.sample"
    let seconds = arguments.dropFirst(2).first.flatMap(Double.init) ?? 3
    do {
        let rate = try TrustWorkload(template: try TemplateLoader.load(path)[0]).run(seconds: seconds)
        print("\(path): \(Int(rate)) trust evaluations/s on one thread (\(String(format: "%.2f", 1e6 / rate)) µs each)")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("kumo-bench: \(error)\n".utf8))
        exit(2)
    }
}

// kumo-bench [--runs N] [--build NAME=DIR]... [--no-instructions]: the default build is this binary's directory.
var runs = 5
var builds: [Benchmarks.Build] = []
var instructions = true
var allInstructions = false
var rest = arguments[...]
while let argument = rest.popFirst() {
    switch argument {
    case "--runs":
        guard let n = rest.popFirst().flatMap({ Int($0) }), n > 0 else { FileHandle.standardError.write(Data("kumo-bench: --runs takes a positive number\n".utf8)); exit(2) }
        runs = n
    case "--build":
        guard let spec = rest.popFirst(), let eq = spec.firstIndex(of: "=") else { FileHandle.standardError.write(Data("kumo-bench: --build takes NAME=DIR\n".utf8)); exit(2) }
        builds.append(.init(name: String(spec[..<eq]), directory: String(spec[spec.index(after: eq)...])))
    case "--no-instructions":
        instructions = false
    case "--all-instructions":
        allInstructions = true
    default:
        FileHandle.standardError.write(Data("kumo-bench: unknown argument \(argument) (usage: kumo-bench [--runs N] [--build NAME=DIR]... [--no-instructions] [--all-instructions])\n".utf8))
        exit(2)
    }
}
if builds.isEmpty {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    builds = [.init(name: "this build", directory: URL(fileURLWithPath: executable).deletingLastPathComponent().path)]
}

do {
    try Benchmarks(runs: runs, builds: builds, instructions: instructions, allInstructions: allInstructions).runAll()
} catch {
    FileHandle.standardError.write(Data("kumo-bench: \(error)\n".utf8))
    exit(2)
}
