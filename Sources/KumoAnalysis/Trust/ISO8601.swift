import Foundation

/// ISO 8601 times for claims and `--at`.
public enum ISO8601 {
    /// `2026-11-23T10:00:00Z`.
    public static func format(_ epoch: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: epoch))
    }

    /// Parses `2026-11-23T10:00:00Z`, with fractional seconds or an offset; `nil` when malformed.
    public static func parse(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
