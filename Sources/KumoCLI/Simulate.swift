import ArgumentParser
import Foundation
import KumoAnalysis
import KumoJSON

/// `kumo simulate`: may this web-identity token assume this role? Decided offline, as STS and IAM would.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Decide offline whether a web-identity token may assume a role, as STS and IAM would.",
        discussion: """
            Reads the template (Kumo's or AWS CDK's, JSON or YAML, a file or a cloud-assembly directory), \
            validates the token as STS does (iss is an OIDC provider of the template, aud one of its client \
            IDs, exp not passed, iat/nbf not in the future, sub present) and evaluates the role's trust policy \
            for sts:AssumeRoleWithWebIdentity with IAM's condition semantics. Prints the decision and every \
            check, with the statement, condition key, expected and actual values.

            The token is given as claims (--claims), as a JWT (--token), or built from a shortcut: \
            --service-account NS:NAME (an EKS projected token) or --github-repo OWNER/REPO (a GitHub Actions \
            token, sub in GitHub's documented formats). A JWT is decoded WITHOUT verifying its signature: \
            this is an offline simulation, not a validator of real tokens.

            Clock skew: by default, what AWS documents — IAM accepts a JWT up to 300 s after its exp; for \
            iat/nbf in the future AWS documents no tolerance, so none is given (a token minted by a machine \
            whose clock is ahead is denied, with the clock named as the cause). --skew SECONDS applies one \
            tolerance to exp, iat and nbf.

            EKS Pod Identity: --pod-identity NS:NAME asks whether pods of namespace NS running as service \
            account NAME get the role's credentials: the cluster (--cluster, default the template's only one), \
            the association of (cluster, NS, NAME) in the template (or --associated, for one made outside it), \
            the role in the cluster's account, then the trust policy for sts:AssumeRole and sts:TagSession by \
            pods.eks.amazonaws.com with the session tags EKS documents (aws:RequestTag/eks-cluster-arn, \
            eks-cluster-name, kubernetes-namespace, kubernetes-service-account, kubernetes-pod-name, \
            kubernetes-pod-uid). Without --role, the role is the one the association names. AWS does not \
            document aws:SourceAccount/aws:SourceArn for Pod Identity: a condition on them is unknown (denying) \
            unless --source-account/--source-arn state them.

            Exit codes: 0 allowed, 1 denied, 2 invalid input or usage (unreadable template, unknown role, \
            malformed claims or token, missing issuer, unknown cluster, malformed association).
            """
    )

    @Option(help: ArgumentHelp("A template file, or a cloud-assembly directory (cdk.out).", valueName: "path"))
    var template: String

    @Option(help: ArgumentHelp("The stack of the assembly (default: the one that has the role).", valueName: "name"))
    var stack: String?

    @Option(help: ArgumentHelp("The role: logical ID, role name, ARN or construct ID (with --pod-identity, default: the association's).", valueName: "name"))
    var role: String?

    @Option(name: .customLong("pod-identity"), help: ArgumentHelp("Ask for the role through EKS Pod Identity, for pods of this namespace and service account.", valueName: "ns:name"))
    var podIdentity: String?

    @Option(help: ArgumentHelp("With --pod-identity: the cluster (name or logical ID; default: the template's only one), or a cluster ARN outside the template.", valueName: "name"))
    var cluster: String?

    @Flag(help: "With --pod-identity: the association exists outside the template (eksctl, console, another stack) and names --role.")
    var associated = false

    @Option(help: ArgumentHelp("With --pod-identity: the pod's name (the kubernetes-pod-name session tag).", valueName: "name"))
    var pod: String?

    @Option(name: .customLong("source-account"), help: ArgumentHelp("With --pod-identity: state aws:SourceAccount (AWS does not document it for Pod Identity).", valueName: "id"))
    var sourceAccount: String?

    @Option(name: .customLong("source-arn"), help: ArgumentHelp("With --pod-identity: state aws:SourceArn (AWS does not document it for Pod Identity).", valueName: "arn"))
    var sourceARN: String?

    @Option(help: ArgumentHelp("The token's claims as a JSON object, from a file or - (standard input).", valueName: "file"))
    var claims: String?

    @Option(help: ArgumentHelp("A JWT (header.payload.signature), a file holding one, or - (standard input); decoded without verifying its signature.", valueName: "jwt"))
    var token: String?

    @Option(name: .customLong("service-account"), help: ArgumentHelp("Build the EKS projected token of this Kubernetes service account.", valueName: "ns:name"))
    var serviceAccount: String?

    @Option(name: .customLong("github-repo"), help: ArgumentHelp("Build the GitHub Actions token of a job of this repository.", valueName: "owner/repo"))
    var githubRepo: String?

    @Option(help: ArgumentHelp("With --github-repo: the Git ref the job runs on (default refs/heads/main).", valueName: "ref"))
    var ref: String?

    @Option(help: ArgumentHelp("With --github-repo: the job's environment (sub repo:OWNER/REPO:environment:NAME).", valueName: "name"))
    var environment: String?

    @Flag(name: .customLong("pull-request"), help: "With --github-repo: a pull_request workflow (sub repo:OWNER/REPO:pull_request).")
    var pullRequest = false

    @Option(help: ArgumentHelp("With a shortcut: the token's aud (default sts.amazonaws.com).", valueName: "aud"))
    var audience: String?

    @Option(name: .customLong("issued-at"), help: ArgumentHelp("With a shortcut: when the token was minted (ISO 8601; default --at): the minting machine's clock.", valueName: "time"))
    var issuedAt: String?

    @Option(help: ArgumentHelp("The concrete OIDC issuer URL of the template's EKS cluster (known only at deploy time).", valueName: "url"))
    var issuer: String?

    @Option(name: .customLong("client-id"), help: ArgumentHelp("Client IDs of an OIDC provider the role names by ARN but the template does not define (repeatable).", valueName: "url=id"))
    var clientIDs: [String] = []

    @Option(help: ArgumentHelp("The evaluation time, STS's clock (ISO 8601, e.g. 2026-11-23T10:00:00Z; default: now).", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("Clock-skew tolerance in seconds for exp, iat and nbf (default: 300 s after exp as IAM documents, none for iat/nbf).", valueName: "seconds"))
    var skew: Double?

    @Option(help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        let sources = [claims != nil, token != nil, serviceAccount != nil, githubRepo != nil, podIdentity != nil].filter { $0 }.count
        if sources == 0 {
            throw ValidationError("give the token: --claims FILE|-, --token JWT, --service-account NS:NAME or --github-repo OWNER/REPO (or --pod-identity NS:NAME)")
        }
        if sources > 1 {
            throw ValidationError("give the token once: --claims, --token, --service-account, --github-repo and --pod-identity are exclusive")
        }
        try validatePodIdentity()
        if githubRepo == nil && (ref != nil || environment != nil || pullRequest) {
            throw ValidationError("--ref, --environment and --pull-request describe a GitHub job: use them with --github-repo")
        }
        if [ref != nil, environment != nil, pullRequest].filter({ $0 }).count > 1 {
            throw ValidationError("--ref, --environment and --pull-request are exclusive: a job's sub names one of them")
        }
        if serviceAccount == nil && githubRepo == nil && (audience != nil || issuedAt != nil) {
            throw ValidationError("--audience and --issued-at shape a built token: use them with --service-account or --github-repo")
        }
        if let skew, !(skew.isFinite && skew >= 0) {
            throw ValidationError("--skew takes a number of seconds, 0 or more")
        }
        if let issuer, !issuer.hasPrefix("https://") || issuer.count <= 8 {
            throw ValidationError("--issuer takes an OIDC issuer URL starting with https:// (https://oidc.eks.<region>.amazonaws.com/id/<ID>)")
        }
    }

    func run() throws {
        do {
            let outcome = podIdentity != nil ? try simulatePodIdentity() : try simulate()
            Output.out(outcome.text)
            if !outcome.allowed { throw ExitCode(1) }
        } catch let error as InputError {
            Output.err("error: \(error.description)")
            throw ExitCode.inputError
        }
    }

    /// The evaluation and its rendering.
    private func simulate() throws -> (allowed: Bool, text: String) {
        let role = self.role!
        let now = try time(at, option: "--at") ?? Date().timeIntervalSince1970.rounded(.down)
        let (cloudTemplate, model) = try loadStack()
        let externalClientIDs = try parseClientIDs()

        // The token.
        var request: WebIdentityRequest
        var tokenNote: String?
        var clusterIssuer = issuer
        let needsIssuer = model.providers.contains { Symbol.isSymbolic($0.url) }
        if let serviceAccount {
            let (namespace, name) = try input { () throws(TrustError) in try WebIdentityClaims.serviceAccount(serviceAccount) }
            if clusterIssuer == nil {
                let region = cloudTemplate.environment.region ?? "us-east-1"
                clusterIssuer = "https://oidc.eks.\(region).amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
                if needsIssuer {
                    Output.err("note: no --issuer: the cluster's issuer and the token's iss are taken to be \(clusterIssuer!) (pass --issuer to use the real one)")
                }
            }
            let minted = try time(issuedAt, option: "--issued-at") ?? now
            let url = clusterIssuer!
            let claims = try input { () throws(TrustError) in
                try WebIdentityClaims.kubernetesServiceAccount(
                    namespace: namespace, name: name, issuer: url, audience: audience.map { [$0] } ?? [WebIdentityClaims.stsAudience], issuedAt: minted)
            }
            request = WebIdentityRequest(claims: claims, now: now, clockSkew: skew)
        } else if let githubRepo {
            let minted = try time(issuedAt, option: "--issued-at") ?? now
            let claims = try input { () throws(TrustError) in
                try WebIdentityClaims.githubActions(
                    repository: githubRepo, ref: ref ?? "refs/heads/main", environment: environment, pullRequest: pullRequest ? 1 : nil,
                    audience: audience ?? WebIdentityClaims.stsAudience, issuedAt: minted)
            }
            request = WebIdentityRequest(claims: claims, now: now, clockSkew: skew)
        } else if let token {
            let text = try read(token, what: "token", literalAllowed: true)
            let jwt: JWT
            do {
                jwt = try JWT(decoding: text)
            } catch {
                throw InputError(error.description)
            }
            request = WebIdentityRequest(token: jwt, now: now, clockSkew: skew)
            tokenNote = "decoded without verifying its signature"
        } else {
            let text = try read(claims!, what: "claims", literalAllowed: false)
            request = WebIdentityRequest(claims: try parseClaims(text), now: now, clockSkew: skew)
        }
        if clusterIssuer == nil, needsIssuer, let iss = request.claims["iss"]?.stringValue, iss.hasPrefix("https://oidc.eks.") {
            clusterIssuer = iss
            Output.err("note: no --issuer: the cluster's issuer is taken to be the token's iss, \(iss) (pass --issuer to check the iss claim too)")
        }

        let evaluator = TrustEvaluator(model: model, issuerURL: clusterIssuer, externalClientIDs: externalClientIDs)
        let decision: TrustDecision
        do {
            decision = try evaluator.evaluate(role: role, request)
        } catch {
            var message = error.description
            if message.contains("known only at deploy time") { message = message.replacingOccurrences(of: "pass the cluster's issuer URL", with: "pass --issuer") }
            throw InputError(message)
        }
        let report = SimulationReport(decision: decision, request: request, template: cloudTemplate, tokenNote: tokenNote)
        return (decision.isAllowed, format == .json ? report.json : report.text)
    }

    /// The template (or the assembly's stack) of `--template`, with its IAM model.
    func loadStack() throws -> (CloudTemplate, IAMModel) {
        do {
            return try pickStack(TemplateLoader.load(template))
        } catch let error as ReaderError {
            throw InputError(error.description)
        }
    }

    func pickStack(_ templates: [CloudTemplate]) throws -> (CloudTemplate, IAMModel) {
        var candidates = templates
        if let stack {
            candidates = templates.filter { $0.name == stack }
            guard !candidates.isEmpty else {
                throw InputError("\(template) has no stack \(stack); its stacks: \(templates.map(\.name).joined(separator: ", "))")
            }
        }
        var models: [(CloudTemplate, IAMModel)] = []
        for candidate in candidates {
            do {
                models.append((candidate, try IAMModel(candidate)))
            } catch {
                throw InputError(error.description)
            }
        }
        if models.count == 1 { return models[0] }
        guard let role else {
            throw InputError("\(template) has several stacks (\(models.map(\.0.name).joined(separator: ", "))): pass --stack")
        }
        let having = models.filter { $0.1.role(role) != nil }
        if having.count == 1 { return having[0] }
        if having.isEmpty {
            throw InputError("no role \"\(role)\" in any stack of \(template) (\(models.map(\.0.name).joined(separator: ", ")))")
        }
        throw InputError("several stacks of \(template) have a role \"\(role)\" (\(having.map(\.0.name).joined(separator: ", "))): pass --stack")
    }

    private func parseClientIDs() throws -> [String: [String]] {
        var ids: [String: [String]] = [:]
        for entry in clientIDs {
            guard let eq = entry.lastIndex(of: "="), eq != entry.startIndex, entry.index(after: eq) != entry.endIndex else {
                throw InputError("--client-id takes URL=ID (e.g. https://token.actions.githubusercontent.com=sts.amazonaws.com), got \"\(entry)\"")
            }
            ids[String(entry[..<eq]), default: []].append(String(entry[entry.index(after: eq)...]))
        }
        return ids
    }

    func time(_ text: String?, option: String) throws -> Double? {
        guard let text else { return nil }
        if let epoch = Int(text) { return Double(epoch) }
        guard let parsed = ISO8601.parse(text) else {
            throw InputError("\(option) \"\(text)\" is not an ISO 8601 time with a zone, such as 2026-11-23T10:00:00Z (or seconds since 1970)")
        }
        return parsed
    }

    private func input<T>(_ body: () throws(TrustError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw InputError(error.description)
        }
    }

    /// The text of `source`: `-` is standard input; a path of an existing file is read; otherwise, when
    /// `literalAllowed`, the text itself.
    private func read(_ source: String, what: String, literalAllowed: Bool) throws -> String {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if FileManager.default.fileExists(atPath: source) || !literalAllowed || source.contains("/") {
            guard let contents = FileManager.default.contents(atPath: source) else {
                throw InputError("cannot read the \(what) file \(source)")
            }
            data = contents
        } else {
            return source
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InputError("the \(what) are not UTF-8 text") }
        return text
    }

    private func parseClaims(_ text: String) throws -> JSONObject {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw InputError("the claims are empty: give a JSON object such as {\"iss\": …, \"sub\": …, \"aud\": …, \"exp\": …}") }
        if !trimmed.hasPrefix("{") && trimmed.split(separator: ".", omittingEmptySubsequences: false).count == 3 {
            throw InputError("the claims look like a JWT: pass it with --token")
        }
        let json: JSON
        do {
            json = try JSON(parsing: trimmed, maxDepth: 64)
        } catch {
            throw InputError("the claims are not JSON: \(error)")
        }
        guard case .object(let members) = json else {
            throw InputError("the claims must be a JSON object, not \(json.kindDescription)")
        }
        return members
    }
}
