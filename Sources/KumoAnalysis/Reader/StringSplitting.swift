extension String {
    /// The pieces between occurrences of `delimiter` (empty pieces kept), as `components(separatedBy:)` with
    /// a literal delimiter, scanning UTF-8 bytes instead of going through Foundation.
    func splitting(by delimiter: String) -> [String] {
        let text = Array(utf8), needle = Array(delimiter.utf8)
        guard !needle.isEmpty, text.count >= needle.count else { return [self] }
        var pieces: [String] = []
        var start = 0
        var i = 0
        while i + needle.count <= text.count {
            if text[i] == needle[0] && text[i..<(i + needle.count)].elementsEqual(needle) {
                pieces.append(String(decoding: text[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        pieces.append(String(decoding: text[start...], as: UTF8.self))
        return pieces
    }
}
