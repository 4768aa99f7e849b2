import Foundation
import Kumo
import KumoAnalysis
import KumoJSON
import Stacks

/// The benchmark suite: whole-process synth of the real stack, growth to 10,000 roles, diff of two
/// 10,000-resource templates, trust evaluations per second.
struct Benchmarks {
    let runs: Int
    let binaries: URL
    let work: URL

    /// CDK's figures for the same stack on the same kind of machine (median of 5 whole-process runs,
    /// `/usr/bin/time -v python app.py`, CDK-RENDERING.md §4).
    static let cdk = [("aws-cdk-lib 2.28.1", 4.07, 179.0), ("aws-cdk-lib 2.275.0", 6.71, 538.0)]

    init(runs: Int) throws {
        self.runs = runs
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        binaries = executable.deletingLastPathComponent()
        work = FileManager.default.temporaryDirectory.appendingPathComponent("kumo-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    var kumo: String { binaries.appendingPathComponent("kumo").path }
    var bench: String { binaries.appendingPathComponent("kumo-bench").path }

    func runAll() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        guard FileManager.default.isExecutableFile(atPath: kumo) else {
            throw BenchError("\(kumo) not found: build the release binaries first (scripts/bench does)")
        }
        print("Machine: \(Machine.description)")
        print("Runs per measurement: \(runs) (median)\n")

        let full = try measure(runs) { try ProcessMeasurement.run(kumo, ["synth", "-q", "-o", work.appendingPathComponent("full").path]) }
        let scale = try [100, 1_000, 10_000].map { n in
            (n, try measure(n >= 10_000 ? max(3, runs / 2) : runs) {
                try ProcessMeasurement.run(bench, ["synth-scale", "\(n)", work.appendingPathComponent("scale-\(n)").path])
            })
        }
        let diff = try diffMeasurement()
        let trust = try trustEvaluationsPerSecond()

        var rows: [[String]] = []
        rows.append(["Full MyEKSStack synth, wall", ms(full.seconds), "≤ 20 ms", cdkRatio(full.seconds)])
        rows.append(["Full MyEKSStack synth, peak RSS", mib(full.rss), "≤ 20 MiB", cdkMemoryRatio(full.rss)])
        for (n, m) in scale {
            rows.append(["\(n.formatted()) IRSA roles + policies, wall", ms(m.seconds), n == 10_000 ? "< 1 s" : "", "\(String(format: "%.1f", m.seconds / Double(n) * 1e6)) µs/role"])
            rows.append(["\(n.formatted()) IRSA roles + policies, peak RSS", mib(m.rss), "", ""])
        }
        let growth = zip(scale, scale.dropFirst()).map { a, b in String(format: "×%.1f for ×10 roles", b.1.seconds / a.1.seconds) }
        rows.append(["Growth 100 → 1,000 → 10,000 roles", growth.joined(separator: ", "), "~linear (×10)", ""])
        if let diff {
            rows.append(["kumo diff, two 10,002-resource templates (1% changed), wall", ms(diff.seconds), "< 1 s", ""])
            rows.append(["kumo diff, peak RSS", mib(diff.rss), "", ""])
        } else {
            rows.append(["kumo diff, two 10,002-resource templates", "unavailable in this build", "< 1 s", ""])
        }
        rows.append(["Trust evaluations (STS + IAM), one core, Kumo's template", "\(Int(trust.kumo).formatted())/s", "≥ 100,000/s", "13-request mix, full explanations"])
        if let cdk = trust.cdk {
            rows.append(["Trust evaluations, one core, CDK's template (CfnJson)", "\(Int(cdk).formatted())/s", "≥ 100,000/s", ""])
        }

        print(Table(header: ["Benchmark", "Kumo", "Target", "vs CDK / note"], rows: rows).markdown)
        print("\nCDK baselines (same stack, 2 vCPU, median of 5 whole-process runs):")
        for (version, seconds, rss) in Self.cdk {
            print("  \(version): \(String(format: "%.2f", seconds)) s, \(Int(rss)) MiB peak RSS")
        }
    }

    struct Sample {
        var seconds: Double
        var rss: Double
    }

    /// Runs `body` `count` times; medians of wall time and peak RSS. Fails on a non-zero exit (except 1).
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

    /// `kumo diff` of two ~10,000-resource templates differing in 1% of their resources.
    func diffMeasurement() throws -> Sample? {
        let help = try ProcessMeasurement.run(kumo, ["diff", "--help"])
        guard help.status == 0 else { return nil }
        let template = try ScalingApp.make(roles: 5_000).synthesize().stacks[0].template
        guard case .object(var document) = template, case .object(var resources)? = document["Resources"] else {
            throw BenchError("unexpected scaling template")
        }
        let old = work.appendingPathComponent("old.template.json")
        try Data(template.serializedBytes(.cdkTemplate)).write(to: old)
        // 1% of the resources change: every 100th managed policy gains an action.
        var changed = 0
        for (id, resource) in resources where id.hasPrefix("Policy") && changed * 100 < resources.count {
            guard case .object(var body) = resource, case .object(var properties)? = body["Properties"],
                case .object(var policy)? = properties["PolicyDocument"], case .array(var statements)? = policy["Statement"],
                case .object(var first)? = statements.first
            else { continue }
            first["Action"] = ["ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"]
            statements[0] = .object(first)
            policy["Statement"] = .array(statements)
            properties["PolicyDocument"] = .object(policy)
            body["Properties"] = .object(properties)
            resources[id] = .object(body)
            changed += 1
        }
        document["Resources"] = .object(resources)
        let new = work.appendingPathComponent("new.template.json")
        try Data(JSON.object(document).serializedBytes(.cdkTemplate)).write(to: new)
        return try measure(runs, { try ProcessMeasurement.run(kumo, ["diff", old.path, new.path, "--format", "json"]) }, acceptedStatus: [0, 1])
    }

    /// Trust evaluations per second on one core: the 13-request mix on Kumo's template (IRSA trust as
    /// `Fn::Sub`) and on the CDK sample (IRSA trust through `Custom::AWSCDKCfnJson`).
    func trustEvaluationsPerSecond() throws -> (kumo: Double, cdk: Double?) {
        let stack = try KumoStacks.makeApp().synthesize().stacks[0]
        let template = try CloudTemplate(
            json: stack.template, name: stack.name, file: stack.templateFile,
            environment: .init(account: stack.environment.account, region: stack.environment.region))
        let kumo = try TrustWorkload(template: template).run(seconds: 2)
        let samplePath = FileManager.default.currentDirectoryPath + "/cdk.out.sample"
        let cdk = FileManager.default.fileExists(atPath: samplePath)
            ? try TrustWorkload(template: try TemplateLoader.load(samplePath)[0]).run(seconds: 2) : nil
        return (kumo, cdk)
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
