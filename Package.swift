// swift-tools-version: 6.1
import PackageDescription

// The generated L1 layer: one module and library product per service (`import KumoS3` → `S3.CfnBucket`), so
// that an app compiles only the services it uses. Written by scripts/generate-l1 with the service list below.
// BEGIN generated services (scripts/generate-l1, cfn-lint 1.51.0; do not edit)
let l1Services: [String] = [
    "ACMPCA",
    "AIOps",
    "APS",
    "ARCRegionSwitch",
    "ARCZonalShift",
    "AccessAnalyzer",
    "AmazonMQ",
    "Amplify",
    "AmplifyUIBuilder",
    "ApiGateway",
    "ApiGatewayV2",
    "AppConfig",
    "AppFlow",
    "AppIntegrations",
    "AppMesh",
    "AppRunner",
    "AppStream",
    "AppSync",
    "AppTest",
    "ApplicationAutoScaling",
    "ApplicationInsights",
    "ApplicationSignals",
    "Athena",
    "AuditManager",
    "AutoScaling",
    "AutoScalingPlans",
    "B2BI",
    "BCMDataExports",
    "Backup",
    "BackupGateway",
    "Batch",
    "BcmPricingCalculator",
    "Bedrock",
    "BedrockAgentCore",
    "BedrockMantle",
    "Billing",
    "BillingConductor",
    "Braket",
    "Budgets",
    "CDK",
    "CE",
    "CUR",
    "Cases",
    "Cassandra",
    "CertificateManager",
    "Chatbot",
    "Chime",
    "CleanRooms",
    "CleanRoomsML",
    "Cloud9",
    "CloudFormation",
    "CloudFront",
    "CloudTrail",
    "CloudWatch",
    "CodeArtifact",
    "CodeBuild",
    "CodeCommit",
    "CodeConnections",
    "CodeDeploy",
    "CodeGuruProfiler",
    "CodeGuruReviewer",
    "CodePipeline",
    "CodeStar",
    "CodeStarConnections",
    "CodeStarNotifications",
    "Cognito",
    "Comprehend",
    "ComputeOptimizer",
    "Config",
    "Connect",
    "ConnectCampaigns",
    "ConnectCampaignsV2",
    "ControlTower",
    "CustomerProfiles",
    "DAX",
    "DLM",
    "DMS",
    "DSQL",
    "DataBrew",
    "DataPipeline",
    "DataSync",
    "DataZone",
    "Deadline",
    "Detective",
    "DevOpsAgent",
    "DevOpsGuru",
    "DirectConnect",
    "DirectoryService",
    "DocDB",
    "DocDBElastic",
    "DynamoDB",
    "EC2",
    "ECR",
    "ECS",
    "EFS",
    "EKS",
    "EMR",
    "EMRContainers",
    "EMRServerless",
    "EVS",
    "ElastiCache",
    "ElasticBeanstalk",
    "ElasticLoadBalancing",
    "ElasticLoadBalancingV2",
    "Elasticsearch",
    "ElementalInference",
    "EntityResolution",
    "EventSchemas",
    "Events",
    "Evidently",
    "FIS",
    "FMS",
    "FSx",
    "FinSpace",
    "Forecast",
    "FraudDetector",
    "GameLift",
    "GlobalAccelerator",
    "Glue",
    "Grafana",
    "Greengrass",
    "GreengrassV2",
    "GroundStation",
    "GuardDuty",
    "HealthImaging",
    "HealthLake",
    "IAM",
    "IVS",
    "IVSChat",
    "IdentityStore",
    "ImageBuilder",
    "Inspector",
    "InspectorV2",
    "Interconnect",
    "InternetMonitor",
    "Invoicing",
    "IoT",
    "IoTAnalytics",
    "IoTCoreDeviceAdvisor",
    "IoTEvents",
    "IoTFleetWise",
    "IoTSiteWise",
    "IoTThingsGraph",
    "IoTTwinMaker",
    "IoTWireless",
    "KMS",
    "KafkaConnect",
    "Kendra",
    "KendraRanking",
    "Kinesis",
    "KinesisAnalytics",
    "KinesisAnalyticsV2",
    "KinesisFirehose",
    "KinesisVideo",
    "LakeFormation",
    "Lambda",
    "LaunchWizard",
    "Lex",
    "LicenseManager",
    "Lightsail",
    "Location",
    "Logs",
    "LookoutEquipment",
    "LookoutVision",
    "M2",
    "MPA",
    "MSK",
    "MWAA",
    "MWAAServerless",
    "Macie",
    "ManagedBlockchain",
    "MediaConnect",
    "MediaConvert",
    "MediaLive",
    "MediaPackage",
    "MediaPackageV2",
    "MediaStore",
    "MediaTailor",
    "MemoryDB",
    "Neptune",
    "NeptuneGraph",
    "NetworkFirewall",
    "NetworkManager",
    "Notifications",
    "NotificationsContacts",
    "NovaAct",
    "ODB",
    "OSIS",
    "Oam",
    "ObservabilityAdmin",
    "Omics",
    "OpenSearchServerless",
    "OpenSearchService",
    "OpsWorks",
    "Organizations",
    "PCAConnectorAD",
    "PCAConnectorSCEP",
    "PCS",
    "Panorama",
    "PaymentCryptography",
    "Personalize",
    "Pinpoint",
    "PinpointEmail",
    "Pipes",
    "Proton",
    "QBusiness",
    "QLDB",
    "QuickSight",
    "RAM",
    "RDS",
    "RTBFabric",
    "RUM",
    "Rbin",
    "Redshift",
    "RedshiftServerless",
    "RefactorSpaces",
    "Rekognition",
    "ResilienceHub",
    "ResourceExplorer2",
    "ResourceGroups",
    "RoboMaker",
    "RolesAnywhere",
    "Route53",
    "Route53GlobalResolver",
    "Route53Profiles",
    "Route53RecoveryControl",
    "Route53RecoveryReadiness",
    "Route53Resolver",
    "S3",
    "S3Express",
    "S3Files",
    "S3ObjectLambda",
    "S3Outposts",
    "S3Tables",
    "S3Vectors",
    "SDB",
    "SES",
    "SMSVOICE",
    "SNS",
    "SQS",
    "SSM",
    "SSMContacts",
    "SSMGuiConnect",
    "SSMIncidents",
    "SSMQuickSetup",
    "SSO",
    "SageMaker",
    "Scheduler",
    "SecretsManager",
    "SecurityAgent",
    "SecurityHub",
    "SecurityLake",
    "ServiceCatalog",
    "ServiceCatalogAppRegistry",
    "ServiceDiscovery",
    "Shield",
    "Signer",
    "SimSpaceWeaver",
    "StepFunctions",
    "SupportApp",
    "Synthetics",
    "SystemsManagerSAP",
    "Timestream",
    "Transfer",
    "UXC",
    "VerifiedPermissions",
    "VoiceID",
    "VpcLattice",
    "WAF",
    "WAFRegional",
    "WAFv2",
    "Wisdom",
    "WorkSpaces",
    "WorkSpacesThinClient",
    "WorkSpacesWeb",
    "WorkspacesInstances",
    "XRay",
]
// END generated services

/// The services whose L1s the hand-written constructs in `Kumo` build on.
let kumoL1Services = ["CertificateManager", "EC2", "ECR", "EKS", "IAM", "RDS", "Route53", "SecretsManager"]

/// `swift build` builds every target of the root package, so every L1 module: a developer working on the rest
/// can set `KUMO_L1_SERVICES=minimal` (or `minimal,DynamoDB,SNS`) for a package with only the services Kumo,
/// its tests and its examples use, and without the all-types conformance run. Unset, every service is declared
/// (what users of the package and scripts/test get).
let l1Selection = Context.environment["KUMO_L1_SERVICES"].map { $0.split(separator: ",").map(String.init) }
let selectedL1Services = l1Selection.map { wanted in
    l1Services.filter { kumoL1Services.contains($0) || ["S3", "SQS"].contains($0) || wanted.contains($0) }
} ?? l1Services

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

        // Layer 0: the facts of every CloudFormation resource type's registry schema (generated by
        // scripts/generate-l1 from the schemas in the pinned cfn-lint), parsed lazily per type, and the schema
        // validator that synthesis and the analysis use.
        .target(name: "KumoSchema", dependencies: ["KumoJSON"]),
        .testTarget(name: "KumoSchemaTests", dependencies: ["KumoSchema"]),

        // Layer 1: template values and intrinsics, the construct tree (App, Stack, Construct), CDK's
        // logical IDs, L1 resources, synthesis into a cloud assembly.
        .target(
            name: "KumoCore",
            dependencies: ["KumoJSON", "KumoSchema", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "KumoCoreTests", dependencies: ["KumoCore"]),

        // The IAM policy language: typed condition operators, a strict grammar, condition semantics and an
        // offline statement/document evaluator with explanations.
        .target(name: "KumoPolicy", dependencies: ["KumoJSON"]),
        .testTarget(name: "KumoPolicyTests", dependencies: ["KumoPolicy"]),

        // Layer 2: typed constructs (L2s), one folder per AWS service (IAM, ECR, EKS, ...), built on the generated
        // L1 modules of those services (the L1 modules themselves are listed at the end of this file).
        .target(name: "Kumo", dependencies: ["KumoCore", "KumoPolicy"] + kumoL1Services.map { .target(name: "Kumo\($0)") }),
        // KumoTests builds the sample's network, cluster and database with the bundled stack's own code (Stacks).
        // KumoTests/L1: the generated layer's schema checks at synthesis (typed L1s, property bags, overrides) and
        // escape hatches, on a few services' L1s.
        .testTarget(name: "KumoTests", dependencies: ["Kumo", "Stacks", "KumoSQS", "KumoS3"]),

        // Layer 3: analysis of any template (Kumo's, CDK's, hand-written): the template reader with symbolic
        // intrinsics, the IAM model, diff, trust evaluation, checks.
        .target(
            name: "KumoAnalysis",
            dependencies: ["KumoJSON", "KumoPolicy", "KumoSchema", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "KumoAnalysisTests", dependencies: ["KumoAnalysis", "Kumo", "Stacks", "KumoFuzzing"]),

        // The template reader as one function of arbitrary bytes, with a seeded generator and mutator: used by the
        // fuzz target and the property tests, not part of any library product.
        .target(name: "KumoFuzzing", dependencies: ["KumoAnalysis", "KumoJSON", "KumoPolicy"]),

        // Layer 3, above the reader and the diff: moving a deployed AWS CDK stack onto Kumo's template in place
        // (`kumo migrate`): the plan model, the step builders (retain, orphan, import, converge), the verifier
        // of each transition against CloudFormation's rules, plan.json and RUNBOOK.md.
        .target(name: "KumoMigration", dependencies: ["KumoAnalysis", "KumoJSON", "KumoPolicy"]),
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
        // The guide's example of resources without a hand-written construct (examples/queue-notifications):
        // an S3 bucket notifying an SQS queue with a dead-letter queue, through the generated L1s.
        .executableTarget(
            name: "kumo-example-uploads", dependencies: ["Kumo", "KumoCLI", "KumoS3", "KumoSQS"],
            path: "examples/queue-notifications"),

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

// The all-types conformance run (scripts/l1-conformance): one generated example of every resource type,
// synthesized through its typed L1. Its own product, built once by scripts/test, outside the everyday
// `swift build --build-tests`.
if l1Selection == nil {
    package.targets.append(
        .executableTarget(
            name: "kumo-l1-conformance", dependencies: ["KumoCore", "KumoSchema"] + l1Services.map { .target(name: "Kumo\($0)") },
            path: "Sources/KumoL1Conformance"))
    package.products.append(.executable(name: "kumo-l1-conformance", targets: ["kumo-l1-conformance"]))
}
package.targets += selectedL1Services.map { .target(name: "Kumo\($0)", dependencies: ["KumoCore"], path: "Sources/L1/Kumo\($0)") }
package.products += selectedL1Services.map { .library(name: "Kumo\($0)", targets: ["Kumo\($0)"]) }
