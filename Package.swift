// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Kumo",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
    ],
    targets: [
        // Layer 0: an order-preserving JSON model, a strict parser and CDK-compatible writers.
        .target(
            name: "KumoJSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .testTarget(name: "KumoJSONTests", dependencies: ["KumoJSON"]),
        // Layer 1: the IAM policy language: typed condition operators, a strict grammar, condition semantics
        // and an offline statement/document evaluator with explanations.
        .target(name: "KumoPolicy", dependencies: ["KumoJSON"]),
        .testTarget(name: "KumoPolicyTests", dependencies: ["KumoPolicy"]),
    ]
)
