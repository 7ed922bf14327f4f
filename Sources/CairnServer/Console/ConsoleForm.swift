import Foundation

/// An HTML form's fields (`application/x-www-form-urlencoded`, from a body or a query string): `+` is a space, the
/// rest percent-decoded. A name given twice keeps its values in order, as a `<select multiple>` or repeated
/// checkbox sends them; `[name]` is the first.
struct ConsoleForm: Sendable {
    private(set) var fields: [(name: String, value: String)] = []

    init(encoded text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else { continue }
            fields.append((name, parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""))
        }
    }

    init(_ fields: [(name: String, value: String)] = []) { self.fields = fields }

    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The field's text, trimmed, or nil when it is absent or blank: blank inputs mean "not given".
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A checkbox sends its field only when checked.
    func checked(_ name: String) -> Bool { self[name] != nil }

    /// A textarea's non-blank lines, trimmed.
    func lines(_ name: String) -> [String] {
        (self[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func decode(_ s: Substring) -> String? {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The fields as a query string, for links that keep a filter (next page, downloads).
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { name, value in "\(escaped(name))=\(escaped(value))" }.joined(separator: "&")
    }

    /// Text safe in a query string or as one path segment: only RFC 3986's unreserved characters stay as they are.
    static func escaped(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
