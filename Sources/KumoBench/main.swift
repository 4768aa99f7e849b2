import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import Stacks

// kumo-bench: Kumo's speed and memory, measured on whole processes (as CDK's figures were), printed as a table
// beside the CDK baselines. Run it through `scripts/bench`, which builds the release binaries first.
//
//   kumo-bench [--runs N]            every benchmark
//   kumo-bench trust [TEMPLATE] [S]  trust evaluations per second on one template
//   kumo-bench synth-scale N DIR     (child process) synthesize the N-role scaling app into DIR

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

var runs = 5
if let i = arguments.firstIndex(of: "--runs"), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 { runs = n }

do {
    try Benchmarks(runs: runs).runAll()
} catch {
    FileHandle.standardError.write(Data("kumo-bench: \(error)\n".utf8))
    exit(2)
}
