/// The files `kumo init` writes: a Swift package for a user's own app, built on Kumo's public DSL as `stacks/` is.
///
/// ```
/// Package.swift                   the package: Kumo (by path or URL), the stacks, the executable, the tests
/// Sources/<name>/main.swift       the executable: kumo's commands for this app (KumoCommand.main(app:))
/// stacks/App.swift                the app and its settings (the GitHub repository)
/// stacks/<Id>Stack.swift          the stack: GitHub's OIDC provider, an ECR repository, the role that pushes to it
/// Tests/<Id>Tests/TrustTests.swift  who can assume the role, and who cannot (KumoTesting)
/// README.md, .gitignore
/// ```
struct ProjectFiles {
    let name: ProjectName
    let kumo: KumoDependency
    /// `OWNER/REPO`: whose workflows on `main` may push images.
    let gitHubRepository: String

    /// Every file: the path relative to the package directory, and its text.
    var files: [(path: String, text: String)] {
        [
            ("Package.swift", packageManifest),
            ("Sources/\(name.name)/main.swift", main),
            ("stacks/App.swift", app),
            ("stacks/\(name.stackClass).swift", stack),
            ("Tests/\(name.testTarget)/TrustTests.swift", trustTests),
            ("README.md", readme),
            (".gitignore", gitignore),
        ]
    }

    var packageManifest: String {
        let package = KumoDependency.swiftLiteral(kumo.identity)
        let source: String
        switch kumo {
        case .path: source = "// Kumo from a checkout (kumo init --kumo-path); once Kumo is published: .package(url: …, from: …)."
        case .url: source = "// Kumo from its Git repository (kumo init --kumo-url); for a local checkout: .package(path: …)."
        }
        return #"""
            // swift-tools-version: 6.1
            // \#(name.name): infrastructure as typed Swift, synthesized to CloudFormation by Kumo.
            import PackageDescription

            let package = Package(
                name: \#(KumoDependency.swiftLiteral(name.name)),
                platforms: [.macOS(.v15)],
                dependencies: [
                    \#(source)
                    \#(kumo.packageEntry),
                ],
                targets: [
                    // The stacks, written with Kumo's typed constructs.
                    .target(name: "\#(name.stacksModule)", dependencies: [.product(name: "Kumo", package: \#(package))], path: "stacks"),
                    // The command line: kumo's commands for this app (`swift run \#(name.name) synth`, diff, check, simulate).
                    .executableTarget(
                        name: "\#(name.name)",
                        dependencies: ["\#(name.stacksModule)", .product(name: "KumoCLI", package: \#(package))]
                    ),
                    // Who can assume the app's roles, and who cannot (`swift test`).
                    .testTarget(
                        name: "\#(name.testTarget)",
                        dependencies: ["\#(name.stacksModule)", .product(name: "KumoTesting", package: \#(package))]
                    ),
                ]
            )

            """#
    }

    var main: String {
        #"""
            import KumoCLI
            import \#(name.stacksModule)

            // Kumo's command line for this app: `swift run \#(name.name) synth` writes cdk.out/; `… diff cdk.out`, `… check
            // cdk.out`, `… simulate`; `… --help` for the rest.
            KumoCommand.main(app: { context in \#(name.identifier).makeApp(context: context) })

            """#
    }

    var app: String {
        #"""
            import Kumo

            /// The app: its stacks and their settings. `swift run \#(name.name) synth` synthesizes it into cdk.out/.
            public enum \#(name.identifier) {
                /// The GitHub repository (OWNER/REPO) whose workflows on the main branch push images.
                public static let gitHubRepository = \#(KumoDependency.swiftLiteral(gitHubRepository))

                /// Builds the app; `context` holds the `-c key=value` values of `swift run \#(name.name) synth`.
                public static func makeApp(context: [String: JSON] = [:]) -> App {
                    let app = App(context: context)
                    \#(name.stackClass)(app, "\#(name.stackClass)", gitHubRepository: gitHubRepository)
                    return app
                }
            }

            """#
    }

    var stack: String {
        #"""
            import Kumo

            /// Images of the app: an ECR repository, and the role that GitHub Actions assumes to push to it — through
            /// GitHub's OpenID Connect provider, without stored keys, from the main branch of one repository only.
            public final class \#(name.stackClass): Stack {
                @discardableResult
                public init(_ app: App, _ id: String, gitHubRepository: String, environment: Stack.Environment = .agnostic) {
                    super.init(app, id, environment: environment, description: "Images of \#(name.name), pushed by GitHub Actions")

                    // GitHub's token issuer. IAM verifies it through its trusted certificate authorities: no thumbprints.
                    let github = OpenIDConnectProvider(self, "GitHubProvider", url: "https://token.actions.githubusercontent.com",
                                                       clientIDs: ["sts.amazonaws.com"])

                    let images = Repository(self, "Images", scanOnPush: true, imageTagMutability: .immutable,
                                            lifecycleRules: [LifecycleRule(maxImageCount: 100)])

                    // Only workflows on the main branch of gitHubRepository: not other branches, tags, pull requests or
                    // environments. (Repositories created after 2026-07-15 present subjects with IDs,
                    // repo:OWNER@OWNER_ID/REPO@REPO_ID:…; `kumo check` notes it as KUMO-GH-006, with the fix.)
                    let pusher = Role(self, "GitHubActionsRole", description: "Pushes images from GitHub Actions",
                                      assumedBy: .webIdentity(github) {
                                          Condition(.stringEquals, "token.actions.githubusercontent.com:aud", "sts.amazonaws.com")
                                          Condition(.stringEquals, "token.actions.githubusercontent.com:sub",
                                                    "repo:\(gitHubRepository):ref:refs/heads/main")
                                      })
                    // What a push needs (Amazon ECR User Guide, "IAM permissions for pushing an image"): a registry token,
                    // which IAM grants only on "*", and the layer and image calls on this repository.
                    pusher.addToPolicy {
                        Statement.allow("ecr:GetAuthorizationToken", on: "*")
                        Statement.allow(["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
                                         "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"], on: images.arn)
                    }

                    CfnOutput(self, "RoleArn", value: pusher.roleARN.value,
                              description: "role-to-assume of aws-actions/configure-aws-credentials")
                    CfnOutput(self, "RepositoryUri", value: images.repositoryURI, description: "Where to push images")
                }
            }

            """#
    }

    var trustTests: String {
        #"""
            import KumoTesting
            import \#(name.stacksModule)
            import Testing

            /// Who can assume the role GitHub Actions pushes images with, and who cannot: tokens evaluated the way STS and
            /// IAM decide, against the synthesized template.
            @Suite struct TrustTests {
                let trust: RoleTrust
                let repository = \#(name.identifier).gitHubRepository

                init() throws {
                    let app = \#(name.identifier).makeApp()
                    let template = try Template(stack: try #require(app.stacks.first))
                    trust = try template.trust(of: "GitHubActionsRole")
                }

                @Test func workflowsOnTheMainBranchCanPushImages() {
                    trust.expectAllowed(.github(repository, ref: "refs/heads/main"))
                }

                @Test func noOtherBranchTagPullRequestOrEnvironmentCan() {
                    trust.expectDenied(.github(repository, ref: "refs/heads/feature"), because: "does not match")
                    trust.expectDenied(.github(repository, ref: "refs/tags/v1.0.0"), because: "does not match")
                    trust.expectDenied(.github(repository, pullRequest: 1), because: "does not match")
                    trust.expectDenied(.github(repository, environment: "production"), because: "does not match")
                }

                @Test func noOtherRepositoryCan() {
                    let name = repository.split(separator: "/").last.map(String.init) ?? repository
                    trust.expectDenied(.github("someone-else/\(name)"), because: "does not match")
                    trust.expectDenied(.github(repository + "-fork"), because: "does not match")
                }

                @Test func tokensAreCheckedLikeSTSDoes() {
                    // A token requested for another audience (GitHub's default is the owner's URL), an expired one.
                    trust.expectDenied(.github(repository).audience("https://github.com/someone"), because: "Incorrect token audience")
                    trust.expectDenied(.github(repository).expired(600), because: "ExpiredTokenException")
                }
            }

            """#
    }

    var readme: String {
        #"""
            # \#(name.name)

            ```sh
            swift run \#(name.name) synth   # synthesizes the stacks/ into cdk.out/
            swift test                 # runs the trust tests: who can assume the role, and who cannot
            ```

            Infrastructure as typed Swift: [Kumo](\#(kumoLink)) turns the constructs in `stacks/` into CloudFormation
            templates (a `cdk.out` cloud assembly) that deploy with plain `aws cloudformation deploy`. This package
            depends on \#(kumo.summary).

            The stack `\#(name.stackClass)` holds GitHub's OpenID Connect provider, an ECR repository and the role that
            GitHub Actions assumes to push images to it — from the main branch of `\#(gitHubRepository)` only. Set the
            repository in `stacks/App.swift`.

            ## Deploying

            ```sh
            swift run \#(name.name) synth
            aws cloudformation deploy --template-file cdk.out/\#(name.stackClass).template.json \
                --stack-name \#(name.stackClass) --capabilities CAPABILITY_IAM
            ```

            The stack's outputs give the role for the workflow (`aws-actions/configure-aws-credentials` with
            `role-to-assume: <RoleArn>`; the job needs `permissions: id-token: write`) and where to push (`RepositoryUri`).

            ## Reviewing changes

            ```sh
            swift run \#(name.name) check cdk.out          # security checks of the templates (trusts, policies)
            swift run \#(name.name) diff cdk.out           # what a fresh synthesis changes: who gains access, what is replaced
            swift run \#(name.name) synth --format yaml    # YAML templates instead of JSON
            ```

            ## Layout

            | Path | What |
            |---|---|
            | `stacks/` | the app (`App.swift`) and its stacks, written with Kumo |
            | `Sources/\#(name.name)/main.swift` | the executable: Kumo's command line for this app |
            | `Tests/\#(name.testTarget)/` | trust tests with KumoTesting |

            """#
    }

    private var kumoLink: String {
        switch kumo {
        case .path(_, let absolute): absolute
        case .url(let url, _): url
        }
    }

    var gitignore: String {
        """
        .build/
        .swiftpm/
        Package.resolved
        cdk.out/

        """
    }
}
