import KumoJSON

extension Stack {
    /// AWS CDK's context key for the availability zones of this stack's account and region:
    /// `availability-zones:account=123456789012:region=ap-northeast-1`.
    public var availabilityZonesContextKey: String? {
        guard let account = environment.account, let region = environment.region else { return nil }
        return "availability-zones:account=\(account):region=\(region)"
    }

    /// The first `max` availability zones of the stack's region, from context (AWS CDK's
    /// `availability-zones:account=…:region=…`, as `cdk.context.json` holds it). Environment-agnostic stacks
    /// get two deploy-time zones (`Fn::Select [i, Fn::GetAZs ""]`).
    ///
    /// When the context lacks the key, records an error on `requester` naming the key and how to set it, and
    /// returns placeholders so that the construct tree can still be built (nothing is synthesized).
    public func availabilityZones(max: Int, for requester: Construct) -> [Value] {
        guard let key = availabilityZonesContextKey else {
            return (0..<Swift.min(max, 2)).map { .select($0, .fn(.getAZs(""))) }
        }
        let region = environment.region ?? "region"
        guard let value = requester.requireContext(
            key, purpose: "the availability zones of \(region)",
            example: "[\"\(region)a\",\"\(region)c\"]")
        else {
            return (0..<max).map { .string("\(region)-unknown-az-\($0 + 1)") }
        }
        guard let zones = value.arrayValue?.compactMap(\.stringValue), !zones.isEmpty,
            zones.count == value.arrayValue?.count
        else {
            requester.node.addError(
                "context key \"\(key)\" must be a non-empty JSON array of zone names, got \(value.serialized())",
                fix: "set it to e.g. [\"\(region)a\",\"\(region)c\"]")
            return (0..<max).map { .string("\(region)-unknown-az-\($0 + 1)") }
        }
        return zones.prefix(max).map(Value.string)
    }
}
