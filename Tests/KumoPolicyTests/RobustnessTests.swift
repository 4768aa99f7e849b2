import KumoJSON
import Testing

@testable import KumoPolicy

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The parser and evaluator are fed arbitrary input: they must report, never crash.
@Suite struct RobustnessTests {
    static let words: [String] = [
        "Version", "Statement", "Effect", "Allow", "Deny", "Principal", "NotPrincipal", "Action", "NotAction",
        "Resource",
        "NotResource", "Condition", "Sid", "Id", "AWS", "Service", "Federated", "*", "?", "", "2012-10-17",
        "sts:AssumeRole",
        "StringLike", "ForAllValues:StringEquals", "NullIfExists", "IpAddress", "ArnLike", "DateLessThan",
        "NumericEquals",
        "BinaryEquals", "Bool", "::", "::ffff:1.2.3.4/200", "${aws:username}", "${", "${*}", "${a, 'b'}",
        "arn:aws:iam::1:role/x",
        "2026-02-30T25:61:61+99:99", "99999999999999999999", "-0.0", "é", "\u{0}", "QQ==", "=", "1.2.3.4/33",
        "aws:SourceIp",
    ]

    static func randomJSON(_ rng: inout SplitMix, depth: Int) -> JSON {
        let pick = Int(rng.next() % (depth > 4 ? 4 : 7))
        switch pick {
        case 0: return .string(words[Int(rng.next() % UInt64(words.count))])
        case 1: return .number(Double(Int64(bitPattern: rng.next() % 2_000_000) - 1_000_000) / 7)
        case 2: return .bool(rng.next() % 2 == 0)
        case 3: return .null
        case 4, 5:
            var o = JSONObject()
            for _ in 0..<Int(rng.next() % 5) {
                o[words[Int(rng.next() % UInt64(words.count))]] = randomJSON(&rng, depth: depth + 1)
            }
            return .object(o)
        default:
            return .array((0..<Int(rng.next() % 4)).map { _ in randomJSON(&rng, depth: depth + 1) })
        }
    }

    /// A valid trust or identity policy, one statement member of which may be replaced by random JSON.
    static func nearlyValid(_ rng: inout SplitMix) -> JSON {
        var statement: JSONObject = rng.next() % 2 == 0
            ? ["Effect": "Allow", "Principal": ["Service": "ec2.amazonaws.com"], "Action": "sts:AssumeRole"]
            : ["Effect": "Deny", "Action": ["s3:GetObject", "s3:Put*"], "Resource": "*",
               "Condition": ["IpAddress": ["aws:SourceIp": "1.2.3.0/24"]]]
        if rng.next() % 2 == 0 {
            let keys = Array(statement.keys)
            statement[keys[Int(rng.next() % UInt64(keys.count))]] = randomJSON(&rng, depth: 2)
        }
        return ["Version": "2012-10-17", "Statement": [.object(statement)]]
    }

    @Test func randomDocumentsNeverCrash() {
        var rng = SplitMix(state: 0x5EED)
        var parsed = 0
        for i in 0..<3_000 {
            var doc = Self.randomJSON(&rng, depth: 0)
            // Bias towards policy-shaped documents half the time, and a quarter of the time a valid policy with
            // at most one member of its statement replaced by random JSON (so that some parse and are evaluated).
            if i % 4 == 1 {
                doc = Self.nearlyValid(&rng)
            } else if i % 2 == 0 {
                doc = [
                    "Version": "2012-10-17",
                    "Statement": [Self.randomJSON(&rng, depth: 1), Self.randomJSON(&rng, depth: 1)],
                ]
            }
            for kind in PolicyKind.allCases {
                let errors = PolicyDocument.validate(doc, kind: kind)
                for e in errors { #expect(!e.path.isEmpty && !e.message.isEmpty) }
                // The validator and the parser agree: a document parses exactly when it has no error, and a
                // rejection carries the validator's errors.
                let result = Result { () throws(PolicyGrammarErrors) in try PolicyDocument.parse(doc, kind: kind) }
                if case .failure(let thrown) = result {
                    #expect(!errors.isEmpty && thrown.errors == errors, "\(doc.serialized())")
                } else {
                    #expect(errors.isEmpty, "\(doc.serialized())")
                }
                if case .success(let model) = result {
                    parsed += 1
                    _ =
                        model.evaluate(
                            AuthorizationRequest(
                                principal: .aws("*"), action: "sts:AssumeRole", context: ["aws:SourceIp": ["1.2.3.4"]])
                        ).description
                }
            }
        }
        // Some of the random documents are valid policies, so that the evaluator runs too.
        #expect(parsed > 0)
    }

    /// Every operator against arbitrary values and contexts: no crash, and a reason is always produced.
    @Test func everyOperatorOnArbitraryValues() {
        var rng = SplitMix(state: 42)
        for base in ConditionOperator.Base.allCases {
            for qualifier in [nil] + ConditionOperator.SetQualifier.allCases.map(Optional.some) {
                for _ in 0..<40 {
                    let op = ConditionOperator(base, qualifier: qualifier, ifExists: rng.next() % 3 == 0)
                    let values = (0..<Int(1 + rng.next() % 3)).map { _ in
                        Self.words[Int(rng.next() % UInt64(Self.words.count))]
                    }
                    let request: [String]? =
                        rng.next() % 4 == 0
                        ? nil
                        : (0..<Int(rng.next() % 3)).map { _ in Self.words[Int(rng.next() % UInt64(Self.words.count))] }
                    let e = evaluation(
                        op, values, request: request, context: ["aws:username": ["b*"], "a": ["x", "y"]],
                        effect: rng.next() % 2 == 0 ? .allow : .deny)
                    #expect(!e.reason.isEmpty)
                }
            }
        }
    }

    /// Random text through the JSON parser and policy grammar.
    @Test func randomTextNeverCrashes() {
        var rng = SplitMix(state: 7)
        let alphabet = Array("{}[]\":,. \\u0123456789abcdefAEtrunl-+eE*?$".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int(rng.next() % 60)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            _ = try? PolicyDocument.parse(text: String(decoding: bytes, as: UTF8.self), kind: .trust)
        }
    }
}
