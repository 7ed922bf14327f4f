/// A policy document as a caller supplies it: inline JSON, or the document as a string (the form IAM's
/// APIs use). The string form keeps the author's member order and exact number spellings.
package enum PolicyInput: Sendable, Hashable, Codable {
    case text(String)
    case json(JSONValue)

    package init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .text(s)
            return
        }
        let v = try c.decode(JSONValue.self)
        guard case .object = v else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "a policy must be a JSON object or a string containing one")
        }
        self = .json(v)
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .json(let v): try c.encode(v)
        }
    }

    package func parse() throws(PolicyParseError) -> PolicyDocument {
        switch self {
        case .text(let s): try PolicyDocument.parse(s)
        case .json(let v): try PolicyDocument.parse(json: v)
        }
    }

    /// The document's text, for size checks.
    package var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }
}
