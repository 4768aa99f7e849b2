/// Base64 (RFC 4648), the one codec of the project: policies' `BinaryEquals` (standard alphabet), CloudFormation's
/// `Fn::Base64` (standard, padded) and JSON Web Tokens (base64url, unpadded).
///
/// Decoding is strict and says where it stopped: the other alphabet's characters, misplaced padding and invalid
/// lengths are rejected; with the standard alphabet, padding is optional but must be correct when present, and
/// non-zero trailing bits are rejected (so every byte string has exactly one accepted encoding).
public enum Base64 {
    public enum Alphabet: Sendable {
        /// `+` and `/`, `=` padding.
        case standard
        /// `-` and `_` (RFC 4648 §5), no padding (trailing `=` tolerated when decoding).
        case url

        var name: String { self == .standard ? "base64" : "base64url" }
    }

    /// Why a text is not base64, and at which character (0-based).
    public struct DecodingError: Error, Sendable {
        public var message: String
        public var offset: Int
    }

    /// The encoding of `bytes`: padded for `.standard`, unpadded for `.url`.
    public static func encode(_ bytes: [UInt8], alphabet: Alphabet = .standard) -> String {
        let table = Array(
            (alphabet == .standard
                ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
                : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(table[Int(b0 >> 2)])
            out.append(table[Int((b0 & 0x3) << 4 | b1 >> 4)])
            if i + 1 < bytes.count {
                out.append(table[Int((b1 & 0xF) << 2 | b2 >> 6)])
            } else if alphabet == .standard {
                out.append(UInt8(ascii: "="))
            }
            if i + 2 < bytes.count {
                out.append(table[Int(b2 & 0x3F)])
            } else if alphabet == .standard {
                out.append(UInt8(ascii: "="))
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes `text` encodes, or `nil` when it is not strict standard base64.
    public static func decode(_ text: String) -> [UInt8]? {
        try? decode(Array(text.utf8)[...], alphabet: .standard)
    }

    /// The bytes `text` encodes; an error naming the first offending character otherwise.
    public static func decode(_ text: ArraySlice<UInt8>, alphabet: Alphabet) throws(DecodingError) -> [UInt8] {
        var body = text
        var padding = 0
        while body.last == UInt8(ascii: "=") {
            body = body.dropLast()
            padding += 1
        }
        let start = text.startIndex
        if alphabet == .standard {
            guard padding <= 2, padding == 0 || (body.count + padding) % 4 == 0 else {
                throw DecodingError(message: "the '=' padding is wrong", offset: body.count)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(body.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for index in body.indices {
            let c = body[index]
            guard let value = value(c, alphabet) else {
                throw DecodingError(message: problem(c, alphabet), offset: index - start)
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
                buffer &= (1 << UInt32(bits)) - 1
            }
        }
        if body.count % 4 == 1 {
            throw DecodingError(message: "its length (\(body.count) characters) is not a valid \(alphabet.name) length", offset: max(0, body.count - 1))
        }
        if alphabet == .standard && buffer != 0 {
            throw DecodingError(message: "the last character has non-zero unused bits", offset: max(0, body.count - 1))
        }
        return out
    }

    private static func value(_ c: UInt8, _ alphabet: Alphabet) -> UInt8? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): c - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): c - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+") where alphabet == .standard: 62
        case UInt8(ascii: "/") where alphabet == .standard: 63
        case UInt8(ascii: "-") where alphabet == .url: 62
        case UInt8(ascii: "_") where alphabet == .url: 63
        default: nil
        }
    }

    private static func problem(_ c: UInt8, _ alphabet: Alphabet) -> String {
        switch (c, alphabet) {
        case (UInt8(ascii: "+"), .url), (UInt8(ascii: "/"), .url):
            "found '\(Character(Unicode.Scalar(c)))', which is standard base64; base64url uses '-' and '_'"
        case (UInt8(ascii: "-"), .standard), (UInt8(ascii: "_"), .standard):
            "found '\(Character(Unicode.Scalar(c)))', which is base64url; standard base64 uses '+' and '/'"
        case (UInt8(ascii: "="), _):
            "found '=' padding inside the encoded text"
        default:
            c >= 0x21 && c < 0x7F
                ? "found '\(Character(Unicode.Scalar(c)))', which is not a \(alphabet.name) character"
                : "found byte 0x" + (c < 0x10 ? "0" : "") + String(c, radix: 16, uppercase: true) + ", which is not a \(alphabet.name) character"
        }
    }
}
