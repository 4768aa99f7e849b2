import KumoJSON

/// An ACM certificate (`AWS::CertificateManager::Certificate`) validated through DNS records in a hosted
/// zone: CloudFormation creates the validation records itself and waits until the certificate is issued.
///
/// ```swift
/// Certificate(stack, "Certificate", domainName: "example.com", validation: .dns(zone))
/// ```
public final class Certificate: Construct {
    /// How ACM verifies that you control the domain.
    public enum Validation {
        /// DNS validation with records created in `zone`.
        case dns(PublicHostedZone)
        /// DNS validation with records you create yourself.
        case dnsManually
        /// E-mail to the domain's contacts.
        case email
    }

    /// The certificate's domain (`example.com`, or a wildcard `*.example.com`).
    public let domainName: String
    /// Further names the certificate covers (`SubjectAlternativeNames`).
    public var alternativeNames: [String]
    /// How ACM verifies that you control the domain.
    public let validation: Validation
    private var l1: CertificateManager.CfnCertificate!

    /// A certificate `id` of `scope` for `domainName` (and `alternativeNames`), validated as `validation` says.
    @discardableResult
    public init(_ scope: Construct, _ id: String, domainName: String, alternativeNames: [String] = [], validation: Validation) {
        self.domainName = domainName
        self.alternativeNames = alternativeNames
        self.validation = validation
        super.init(scope, id)
        l1 = CertificateManager.CfnCertificate(
            self, "Resource", domainName: CfnString(domainName),
            domainValidationOptions: .lazy {
                guard case .dns(let zone) = self.validation else { return nil }
                return CfnList(([self.domainName] + self.alternativeNames).map {
                    .init(domainName: CfnString($0), hostedZoneId: CfnString(zone.hostedZoneID))
                })
            },
            subjectAlternativeNames: .lazy { self.alternativeNames.isEmpty ? nil : CfnList(self.alternativeNames) },
            validationMethod: .lazy {
                switch self.validation {
                case .dns, .dnsManually: "DNS"
                case .email: "EMAIL"
                }
            })
    }

    /// The L1 resource (`AWS::CertificateManager::Certificate`); edits made through it win over this construct's
    /// values.
    public var resource: CertificateManager.CfnCertificate { l1 }
    /// The certificate's ARN (`Ref`).
    public var certificateARN: Value { l1.ref }

    /// Checks at synthesis: every name is a valid domain (wildcards allowed), the domain name at most 64 characters.
    public override func validate() -> [Diagnostic] {
        var found = super.validate()
        for name in [domainName] + alternativeNames {
            if let problem = DomainNames.problem(name, allowWildcard: true) {
                found.append(.error(node.path, "domain name \"\(name)\" is not valid: \(problem)", fix: "use a domain such as example.com or *.example.com"))
            } else if name.count > 64 && name == domainName {
                found.append(.error(node.path, "the certificate's domain name is longer than 64 characters", fix: "use a shorter name; put long names in alternativeNames"))
            }
        }
        if case .dns(let zone) = validation {
            for name in [domainName] + alternativeNames {
                let bare = name.hasPrefix("*.") ? String(name.dropFirst(2)) : name
                if bare != zone.zoneName && !bare.hasSuffix("." + zone.zoneName) {
                    found.append(.error(node.path, "\(name) is not in hosted zone \(zone.zoneName), so its validation record cannot be created there",
                                        fix: "validate with the zone that holds \(name)"))
                }
            }
        }
        return found
    }
}
