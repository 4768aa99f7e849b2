import KumoJSON
import KumoPolicy

/// A JSON Web Token in compact serialization (`header.payload.signature`, each base64url), decoded **without
/// verifying its signature**: offline, there is no issuer key set to verify against. Decoding is total: any
/// input gives a token or a ``JWTError`` that says what is wrong and where, never a crash.
public struct JWT: Sendable, Hashable {
    /// The JOSE header (`alg`, `kid`, `typ`, …).
    public var header: JSONObject
    /// The claims (the payload).
    public var claims: JSONObject
    /// The signature bytes (not verified).
    public var signature: [UInt8]
    /// The token as given (surrounding whitespace removed).
    public var compact: String

    /// The `alg` header parameter.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// The longest token accepted for decoding, in bytes (STS accepts 4–20,000 characters; anything much
    /// longer is not a token).
    public static let maximumLength = 1_000_000

    /// Decodes `token`. Leading and trailing whitespace (a token file's final newline) and a `Bearer ` prefix
    /// are ignored.
    public init(decoding token: String) throws(JWTError) {
        var bytes = Array(token.utf8)[...]
        while let first = bytes.first, Self.isSpace(first) { bytes = bytes.dropFirst() }
        while let last = bytes.last, Self.isSpace(last) { bytes = bytes.dropLast() }
        if bytes.starts(with: Array("Bearer ".utf8)) { bytes = bytes.dropFirst(7) }
        guard !bytes.isEmpty else { throw JWTError("the token is empty") }
        guard bytes.count <= Self.maximumLength else {
            throw JWTError("the token is \(bytes.count) bytes long; a JWT for STS is at most 20,000 characters")
        }
        if bytes.first == UInt8(ascii: "{") {
            throw JWTError("this is JSON, not a JWT: pass claims as JSON with --claims, a token (header.payload.signature) with --token")
        }
        let segments = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        switch segments.count {
        case 3: break
        case 5:
            throw JWTError("the token has 5 segments: it is an encrypted JWT (JWE); STS needs a signed JWT (JWS) with 3 segments header.payload.signature")
        default:
            throw JWTError("a JWT has 3 segments separated by '.' (header.payload.signature); this one has \(segments.count)")
        }
        let header = try Self.object(segments[0], name: "header", offset: 0)
        let claims = try Self.object(segments[1], name: "payload", offset: segments[0].count + 1)
        let signature: [UInt8]
        do {
            signature = try Self.base64URLDecode(segments[2])
        } catch {
            throw JWTError("the signature segment is not base64url: \(error.message) (at character \(segments[0].count + segments[1].count + 2 + error.offset + 1) of the token)")
        }
        self.header = header
        self.claims = claims
        self.signature = signature
        self.compact = String(decoding: bytes, as: UTF8.self)
    }

    /// A token from parts, e.g. for tests and examples. The signature is whatever bytes are given: such a
    /// token is for offline simulation only, STS would reject it.
    public init(header: JSONObject = ["alg": "RS256", "typ": "JWT"], claims: JSONObject, signature: [UInt8] = Array("not-a-signature".utf8)) {
        self.header = header
        self.claims = claims
        self.signature = signature
        self.compact = Self.base64URLEncode(JSON.object(header).serializedBytes()) + "."
            + Self.base64URLEncode(JSON.object(claims).serializedBytes()) + "." + Self.base64URLEncode(signature)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    private static func object(_ segment: ArraySlice<UInt8>, name: String, offset: Int) throws(JWTError) -> JSONObject {
        guard !segment.isEmpty else { throw JWTError("the \(name) segment is empty") }
        let bytes: [UInt8]
        do {
            bytes = try base64URLDecode(segment)
        } catch {
            throw JWTError("the \(name) segment is not base64url: \(error.message) (at character \(offset + error.offset + 1) of the token)")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw JWTError("the \(name) is not UTF-8 text once base64url-decoded")
        }
        let json: JSON
        do {
            json = try JSON(parsing: bytes, maxDepth: 64)
        } catch {
            throw JWTError("the \(name) is not JSON once base64url-decoded: \(error)")
        }
        guard case .object(let members) = json else {
            throw JWTError("the \(name) must be a JSON object, not \(json.kindDescription)")
        }
        return members
    }

    /// base64url (RFC 4648 §5) without padding; trailing `=` padding is tolerated.
    static func base64URLDecode(_ input: ArraySlice<UInt8>) throws(Base64.DecodingError) -> [UInt8] {
        try Base64.decode(input, alphabet: .url)
    }

    /// base64url without padding.
    static func base64URLEncode(_ bytes: [UInt8]) -> String { Base64.encode(bytes, alphabet: .url) }

}

/// A token that cannot be decoded.
public struct JWTError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "invalid token: " + message }
}
