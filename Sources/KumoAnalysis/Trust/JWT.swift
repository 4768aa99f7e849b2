import KumoJSON

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

    /// A decoding problem at a character offset within a segment.
    struct Base64Error: Error {
        var message: String
        var offset: Int
    }

    /// base64url (RFC 4648 §5) without padding; trailing `=` padding is tolerated.
    static func base64URLDecode(_ input: ArraySlice<UInt8>) throws(Base64Error) -> [UInt8] {
        var text = input
        while text.last == UInt8(ascii: "=") { text = text.dropLast() }
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for (i, c) in text.enumerated() {
            let value: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(c - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(c - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "+"), UInt8(ascii: "/"):
                throw Base64Error(message: "found '\(Character(Unicode.Scalar(c)))', which is standard base64; JWTs use base64url ('-' and '_')", offset: i)
            case UInt8(ascii: "="):
                throw Base64Error(message: "found '=' padding inside the segment", offset: i)
            default:
                let shown = c >= 0x21 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : hexByte(c)
                throw Base64Error(message: "found \(shown), which is not a base64url character", offset: i)
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        if text.count % 4 == 1 {
            throw Base64Error(message: "its length (\(text.count) characters) is not a valid base64url length", offset: text.count - 1)
        }
        return out
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF")
        return "byte 0x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
    }

    /// base64url without padding.
    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x3) << 4 | b1 >> 4)])
            if i + 1 < bytes.count { out.append(table[Int((b1 & 0xF) << 2 | b2 >> 6)]) }
            if i + 2 < bytes.count { out.append(table[Int(b2 & 0x3F)]) }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A token that cannot be decoded.
public struct JWTError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "invalid token: " + message }
}
