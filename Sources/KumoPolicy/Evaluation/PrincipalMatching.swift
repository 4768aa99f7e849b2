/// Whether a request's principal is named by a `Principal` element.
///
/// - `"*"` names everyone.
/// - Entries of the caller's type are compared exactly (case-sensitive), with AWS's documented equivalences:
///   an account id `111122223333` is `arn:aws:iam::111122223333:root`; an account principal trusts every
///   identity of that account (which then also needs its own identity-policy permission); a role ARN names
///   that role's sessions (`arn:aws:sts::111122223333:assumed-role/NAME/SESSION`).
/// - `{"AWS": "*"}` names every AWS principal. Whether it also names service or federated callers is not
///   documented, so that case is undetermined and resolved conservatively by the caller.
enum PrincipalMatching {
    static func match(_ set: PrincipalSet, _ principal: RequestPrincipal?) -> (Truth, ElementReason) {
        guard case .principals(let map) = set else { return (.yes, .everyone) }
        guard let principal else { return (.unknown, .noRequestPrincipal) }
        let listed = map[principal.type] ?? []
        for entry in listed {
            if entry == principal.value { return (.yes, .listed(principal)) }
            if principal.type == .aws {
                if entry == "*" { return (.yes, .everyAWSPrincipal) }
                if let why = awsEquivalent(entry, principal.value) { return (.yes, why) }
            }
        }
        if principal.type != .aws, map[.aws]?.contains("*") == true {
            return (.unknown, .awsWildcardForOtherType(principal.type))
        }
        return (.no, .notListed(principal, set))
    }

    /// Why policy entry `entry` names the AWS principal `value`, or `nil`.
    private static func awsEquivalent(_ entry: String, _ value: String) -> ElementReason? {
        let entryArn = ARN(entry)
        let valueArn = ARN(value)
        let entryAccount = isAccountID(entry) ? entry : (entryArn?.resource == "root" ? entryArn?.account : nil)
        if let entryAccount {
            let valueAccount = isAccountID(value) ? value : valueArn?.account
            if valueAccount == entryAccount { return .accountTrusted(account: entryAccount) }
            return nil
        }
        // A role ARN names the sessions of that role.
        if let e = entryArn, let v = valueArn, e.service == "iam", v.service == "sts", e.partition == v.partition,
            e.account == v.account, e.resource.hasPrefix("role/"), v.resource.hasPrefix("assumed-role/")
        {
            let roleName = e.resource.split(separator: "/").last.map(String.init)
            let sessionParts = v.resource.split(separator: "/")
            if sessionParts.count >= 2, String(sessionParts[1]) == roleName {
                return .roleSession(session: value, role: entry)
            }
        }
        return nil
    }

    private static func isAccountID(_ s: String) -> Bool {
        s.utf8.count == 12 && s.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
