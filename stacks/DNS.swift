import Kumo

extension MyEKSStack {
    /// The public zone of the domain (context key `domain`) and its certificate.
    func dns() {
        guard let domain = requireContext("domain", purpose: "the domain of the public hosted zone and certificate",
                                          example: "example.com")?.stringValue
        else { return }
        let zone = PublicHostedZone(self, "PublicHostedZone", zoneName: domain, comment: "free sample domain",
                                    caaAmazon: true)
        Certificate(self, "Certificate", domainName: domain, validation: .dns(zone))
    }
}
