/// An HTML form's fields (`application/x-www-form-urlencoded`, from a body or a query string), read by the AWS
/// door's own form parser (`+` a space, the rest percent-decoded). The console's forms send each name once.
struct ConsoleForm: Sendable {
    private let fields: [String: String]

    init(encoded text: String) { fields = SigV4Request.parseQuery(text) }

    init() { fields = [:] }

    subscript(name: String) -> String? { fields[name] }

    /// The field's text, trimmed, or nil when it is absent or blank: blank inputs mean "not given".
    func text(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// A checkbox sends its field only when checked.
    func checked(_ name: String) -> Bool { fields[name] != nil }

    /// A textarea's non-blank lines, trimmed.
    func lines(_ name: String) -> [String] {
        (fields[name] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The fields as a query string, for links that keep a filter (next page, downloads).
    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(escaped($0.0))=\(escaped($0.1))" }.joined(separator: "&")
    }

    /// Text safe in a query string or as one path segment: RFC 3986's unreserved characters stay, the rest is
    /// percent-encoded (SigV4's own encoding).
    static func escaped(_ text: String) -> String { SigV4Request.uriEncode(text) }
}
