// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Kumo",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kumo", targets: ["kumo"]),
        .library(name: "Kumo", targets: ["Kumo"]),
        .library(name: "KumoTesting", targets: ["KumoTesting"]),
        // The command line as a library: a user's own executable calls `KumoCommand.main(app:)` (kumo init).
        .library(name: "KumoCLI", targets: ["KumoCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // Layer 0: an order-preserving JSON model, a strict parser and CDK-compatible writers.
        .target(
            name: "KumoJSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .testTarget(name: "KumoJSONTests", dependencies: ["KumoJSON"]),

        // Layer 1: template values and intrinsics, the construct tree (App, Stack, Construct), CDK's
        // logical IDs, L1 resources, synthesis into a cloud assembly.
        .target(
            name: "KumoCore",
            dependencies: ["KumoJSON", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "KumoCoreTests", dependencies: ["KumoCore"]),

        // The IAM policy language: typed condition operators, a strict grammar, condition semantics and an
        // offline statement/document evaluator with explanations.
        .target(name: "KumoPolicy", dependencies: ["KumoJSON"]),
        .testTarget(name: "KumoPolicyTests", dependencies: ["KumoPolicy"]),

        // Layer 2: typed constructs, one folder per AWS service (IAM, ECR, EKS, ...).
        .target(name: "Kumo", dependencies: ["KumoCore", "KumoPolicy"]),
        // KumoTests builds the sample's network, cluster and database with the bundled stack's own code (Stacks).
        .testTarget(name: "KumoTests", dependencies: ["Kumo", "Stacks"]),

        // Layer 3: analysis of any template (Kumo's, CDK's, hand-written): the template reader with symbolic
        // intrinsics, the IAM model, diff, trust evaluation, checks.
        .target(
            name: "KumoAnalysis",
            dependencies: ["KumoJSON", "KumoPolicy", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "KumoAnalysisTests", dependencies: ["KumoAnalysis", "Kumo", "Stacks", "KumoFuzzing"]),

        // The template reader as one function of arbitrary bytes, with a seeded generator and mutator: used by the
        // fuzz target and the property tests, not part of any library product.
        .target(name: "KumoFuzzing", dependencies: ["KumoAnalysis", "KumoJSON", "KumoPolicy"]),

        // Layer 3, above the reader and the diff: moving a deployed AWS CDK stack onto Kumo's template in place
        // (`kumo migrate`): the plan model, the step builders (retain, orphan, import, converge), the verifier
        // of each transition against CloudFormation's rules, plan.json and RUNBOOK.md.
        .target(name: "KumoMigration", dependencies: ["KumoAnalysis", "KumoJSON"]),
        .testTarget(name: "KumoMigrationTests", dependencies: ["KumoMigration", "KumoAnalysis", "Kumo", "Stacks"]),

        // Assertions for users' Swift Testing suites: template matchers (AWS CDK's `assertions`) and trust
        // evaluation of web-identity tokens and EKS Pod Identity requests.
        .target(name: "KumoTesting", dependencies: ["Kumo", "KumoAnalysis"]),
        .testTarget(name: "KumoTestingTests", dependencies: ["KumoTesting", "Kumo"]),

        // The app: the stacks, written with Kumo as a user would.
        .target(name: "Stacks", dependencies: ["Kumo"], path: "stacks"),

        .testTarget(name: "FidelityTests", dependencies: ["Stacks", "Kumo", "KumoAnalysis"]),
        // The project's own trust tests, written with KumoTesting as a user would: Kumo's roles and CDK's.
        .testTarget(name: "TrustTests", dependencies: ["Stacks", "Kumo", "KumoTesting"]),

        // Layer 4: the command line on top.
        .target(
            name: "KumoCLI",
            dependencies: ["Kumo", "KumoAnalysis", "KumoMigration", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "kumo", dependencies: ["KumoCLI", "Stacks"]),
        .testTarget(name: "CLITests", dependencies: ["kumo", "KumoCLI"]),

        // Benchmarks: `scripts/bench` (release build) prints speed and memory beside CDK's.
        .executableTarget(name: "kumo-bench", dependencies: ["Kumo", "KumoAnalysis", "Stacks"], path: "Sources/KumoBench"),

        // A fuzz target for the template reader: libFuzzer with scripts/fuzz-reader, a random-mutation driver
        // otherwise.
        .executableTarget(name: "kumo-fuzz-reader", dependencies: ["KumoFuzzing"], path: "Fuzz/ReaderFuzzer"),

        // Example: ExternalDNS moved from IRSA to EKS Pod Identity, step by step (examples/pod-identity), with its
        // trust tests and an executable that runs kumo's commands on it.
        .target(name: "PodIdentityExample", dependencies: ["Kumo"], path: "examples/pod-identity/Sources/PodIdentityExample"),
        .executableTarget(
            name: "pod-identity-example", dependencies: ["KumoCLI", "PodIdentityExample"],
            path: "examples/pod-identity/Sources/pod-identity-example"),
        .testTarget(
            name: "PodIdentityExampleTests", dependencies: ["PodIdentityExample", "Kumo", "KumoAnalysis", "KumoTesting"],
            path: "examples/pod-identity/Tests/PodIdentityExampleTests"),
    ]
)
