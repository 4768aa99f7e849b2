import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import Stacks

/// The benchmark suite of issue #17 point 1, on whole processes: the full MyEKSStack synth, growth from 100 to
/// 100,000 IRSA roles, `kumo diff` and `kumo check` of two 10,000-resource templates, trust evaluations per second.
/// Every figure for the build users make (`swift build -c release`, dynamically linked) and, beside it, for the
/// fully static build (`scripts/install`), each with its target and whether it is met; instruction counts (valgrind
/// callgrind, repeatable where wall times are not) for the dynamic build.
struct Benchmarks {
    let runs: Int
    let builds: [Build]
    let instructions: Bool
    /// Also counts the 10,000-role synth, the diff and the check (each several minutes under callgrind).
    let allInstructions: Bool
    let work: URL

    /// One build of `kumo` and `kumo-bench`.
    struct Build {
        var name: String
        var directory: String
        var kumo: String { directory + "/kumo" }
        var bench: String { directory + "/kumo-bench" }
    }

    /// CDK's figures for the same stack on the same kind of machine (median of 5 whole-process runs,
    /// `/usr/bin/time -v python app.py`, CDK-RENDERING.md §4).
    static let cdk = [("aws-cdk-lib 2.28.1", 4.07, 179.0), ("aws-cdk-lib 2.275.0", 6.71, 538.0)]
    static let roleCounts = [100, 1_000, 10_000, 100_000]

    init(runs: Int, builds: [Build], instructions: Bool, allInstructions: Bool) throws {
        self.runs = runs
        self.allInstructions = allInstructions
        self.builds = builds
        self.instructions = instructions
        work = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { work.appendingPathComponent(name).path }

    func runAll() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        for build in builds {
            for binary in [build.kumo, build.bench] where !FileManager.default.isExecutableFile(atPath: binary) {
                throw BenchError("\(binary) not found: build the release binaries first (scripts/bench does)")
            }
        }
        print("Machine: \(Machine.description)")
        print("Runs per measurement: \(runs) (median; 100,000 roles: 1 run); builds: "
            + builds.map { "\($0.name) (\($0.directory))" }.joined(separator: ", "))
        let callgrind = instructions ? Callgrind.find() : nil
        print("Instructions: " + (callgrind.map { "valgrind --tool=callgrind (\($0)), \(builds[0].name) build" }
            ?? (instructions ? "valgrind not installed: not counted" : "not counted (--no-instructions)")) + "\n")

        let (old, new) = try largeTemplates()
        var rows: [[String]] = []
        func row(_ name: String, _ figures: [String], _ target: String, _ met: Bool?, _ note: String = "") {
            rows.append([name] + figures + [target, met.map { $0 ? "met" : "**missed**" } ?? "", note])
        }
        func instructionsOf(_ executable: String, _ arguments: [String]) throws -> String {
            guard let callgrind else { return "–" }
            return Callgrind.format(try Callgrind.count(callgrind, executable, arguments))
        }

        // 1. The full MyEKSStack synth, whole process.
        let full = try builds.map { b in try measure(runs) { try ProcessMeasurement.run(b.kumo, ["synth", "-q", "-o", path("full-\(b.name)")]) } }
        let fullInstructions = try instructionsOf(builds[0].kumo, ["synth", "-q", "-o", path("full-callgrind")])
        row("Full MyEKSStack synth (72 resources), wall", full.map { ms($0.seconds) } + [fullInstructions], "≤ 8 ms", full[0].seconds <= 0.008, cdkRatio(full[0].seconds))
        row("Full MyEKSStack synth, peak RSS", full.map { mib($0.rss) } + [""], "≤ 14 MiB", full[0].rss <= 14, cdkMemoryRatio(full[0].rss))
        let version = try builds.map { b in try measure(runs) { try ProcessMeasurement.run(b.kumo, ["--version"]) } }
        row("`kumo --version` (start-up floor of the same binary), wall / peak RSS",
            version.map { "\(ms($0.seconds)) / \(mib($0.rss))" } + [try instructionsOf(builds[0].kumo, ["--version"])], "", nil, "what synth costs before it starts")

        // 2. Growth with the number of IRSA roles.
        var perRole: [Double] = []
        for n in Self.roleCounts {
            let count = n >= 100_000 ? 1 : n >= 10_000 ? max(3, runs / 2) : runs
            let samples = try builds.map { b in try measure(count) { try ProcessMeasurement.run(b.bench, ["synth-scale", "\(n)", path("scale-\(n)-\(b.name)")]) } }
            let cost = samples[0].seconds / Double(n) * 1e6
            perRole.append(cost)
            let counted = n <= (allInstructions ? 10_000 : 1_000) ? try instructionsOf(builds[0].bench, ["synth-scale", "\(n)", path("scale-callgrind")]) : "–"
            let perRoleNote = samples.map { String(format: "%.1f µs/role", $0.seconds / Double(n) * 1e6) }.joined(separator: " · ")
            row("\(n.formatted()) IRSA roles + policies, wall", samples.map { ms($0.seconds) } + [counted],
                n == 10_000 ? "≤ 250 ms" : "", n == 10_000 ? samples[0].seconds <= 0.25 : nil, perRoleNote)
            row("\(n.formatted()) IRSA roles + policies, peak RSS", samples.map { mib($0.rss) } + [""],
                n == 10_000 ? "≤ 120 MiB" : "", n == 10_000 ? samples[0].rss <= 120 : nil,
                samples.map { String(format: "%.1f KiB/role", $0.rss * 1024 / Double(n)) }.joined(separator: " · "))
        }
        // Linear: the per-role cost at 100,000 within 1.5× of the one at 1,000 (below 1,000, start-up dominates).
        let linear = perRole[3] <= perRole[1] * 1.5
        row("Growth 100 → 100,000 roles (per-role cost, \(builds[0].name))", [perRole.map { String(format: "%.1f", $0) }.joined(separator: " → ") + " µs"]
            + Array(repeating: "", count: builds.count), "linear", linear, "per-role cost at 100,000 ≤ 1.5× the one at 1,000")

        // 3. diff and check of two 10,000-resource templates.
        let diff = try builds.map { b in try measure(runs, { try ProcessMeasurement.run(b.kumo, ["diff", old, new, "--format", "json"]) }, acceptedStatus: [0, 1]) }
        row("`kumo diff` of two 10,000-resource templates (1% changed), wall", diff.map { ms($0.seconds) }
            + [allInstructions ? try instructionsOf(builds[0].kumo, ["diff", old, new, "--format", "json"]) : "–"], "≤ 300 ms", diff[0].seconds <= 0.3, "peak RSS " + diff.map { mib($0.rss) }.joined(separator: " · "))
        let check = try builds.map { b in try measure(runs, { try ProcessMeasurement.run(b.kumo, ["check", old, new, "--format", "json"]) }, acceptedStatus: [0, 1]) }
        row("`kumo check` of the two templates, wall", check.map { ms($0.seconds) }
            + [allInstructions ? try instructionsOf(builds[0].kumo, ["check", old, new, "--format", "json"]) : "–"], "≤ 200 ms", check[0].seconds <= 0.2, "peak RSS " + check.map { mib($0.rss) }.joined(separator: " · "))

        // 4. Trust evaluations on one core, in each build's kumo-bench (one thread).
        let rates = try builds.map { b in try TrustRate.measure(b.bench) }
        var trustInstructions = "–"
        if let callgrind {
            let base = try Callgrind.count(callgrind, builds[0].bench, ["trust-count", "0"])
            let many = try Callgrind.count(callgrind, builds[0].bench, ["trust-count", "\(TrustRate.countedRounds)"])
            trustInstructions = Callgrind.format((many - base) / (TrustRate.countedRounds * TrustWorkload.mixSize)) + " per evaluation"
        }
        row("Trust evaluations (STS + IAM, 13-request mix), one core", rates.map { "\(Int($0).formatted())/s" } + [trustInstructions],
            "≥ 1,000,000/s", rates[0] >= 1_000_000, "decision per request; explanations on demand")

        let header = ["Benchmark"] + builds.map { "Kumo, \($0.name)" } + ["Instructions", "Target", "", "Note"]
        print(Table(header: header, rows: rows).markdown)
        print("\nCDK baselines (same stack, 2 vCPU, median of 5 whole-process runs):")
        for (version, seconds, rss) in Self.cdk {
            print("  \(version): \(String(format: "%.2f", seconds)) s, \(Int(rss)) MiB peak RSS")
        }
    }

    struct Sample {
        var seconds: Double
        var rss: Double
    }

    /// Runs `body` `count` times; medians of wall time and peak RSS. Fails on an unexpected exit status.
    func measure(_ count: Int, _ body: () throws -> ProcessMeasurement, acceptedStatus: Set<Int32> = [0]) throws -> Sample {
        var seconds: [Double] = []
        var rss: [Double] = []
        for _ in 0..<count {
            let m = try body()
            guard acceptedStatus.contains(m.status) else { throw BenchError("a measured process exited with \(m.status)") }
            seconds.append(m.seconds)
            rss.append(m.maxRSSMiB)
        }
        return Sample(seconds: median(seconds), rss: median(rss))
    }

    /// Two realistic 10,000-resource templates (roles with `Fn::Sub` trust, managed policies, buckets, queues,
    /// security groups), the second differing in about 1% of them: `scripts/make-large-template`.
    func largeTemplates() throws -> (String, String) {
        let script = FileManager.default.currentDirectoryPath + "/scripts/make-large-template"
        let m = try ProcessMeasurement.run("/usr/bin/env", ["python3", script, "-n", "10000", work.path])
        guard m.status == 0 else { throw BenchError("scripts/make-large-template failed (\(m.status)); run scripts/bench from the repository") }
        return (path("old.template.json"), path("new.template.json"))
    }

    func ms(_ seconds: Double) -> String { seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds) }
    func mib(_ value: Double) -> String { String(format: "%.1f MiB", value) }
    func cdkRatio(_ seconds: Double) -> String {
        Self.cdk.map { "\(Int(($0.1 / seconds).rounded()))× faster than \($0.0)" }.joined(separator: "; ")
    }
    func cdkMemoryRatio(_ rss: Double) -> String {
        Self.cdk.map { String(format: "%.0f× less than %@", $0.2 / rss, $0.0) }.joined(separator: "; ")
    }
}

/// The machine, for the record.
enum Machine {
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } }.map { String(format: "%.0f GiB", $0 / 1_048_576) } ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) RAM"
    }
}

/// A Markdown table.
struct Table {
    var header: [String]
    var rows: [[String]]

    var markdown: String {
        let lines = [header, header.map { _ in "---" }] + rows
        return lines.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }
}
