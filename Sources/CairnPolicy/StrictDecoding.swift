/// Request files are hand-written: a misspelt field silently ignored would make a test pass for the wrong
/// reason, so every Codable input type rejects fields it does not know.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    func rejectUnknownKeys<K: CodingKey & CaseIterable>(_ known: K.Type) throws {
        let container = try self.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where K(stringValue: key.stringValue) == nil {
            let names = K.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath + [key], debugDescription: "unknown field (expected one of: \(names))"))
        }
    }
}

extension DecodingError {
    /// "request.principal.arn: missing required field" — the path a person can find in their file.
    var pathAndMessage: (path: String, message: String) {
        func render(_ path: [any CodingKey]) -> String {
            var out = ""
            for k in path {
                if let i = k.intValue {
                    out += "[\(i)]"
                } else {
                    out += out.isEmpty ? k.stringValue : ".\(k.stringValue)"
                }
            }
            return out
        }
        switch self {
        case .keyNotFound(let key, let ctx):
            return (render(ctx.codingPath + [key]), "missing required field")
        case .typeMismatch(let type, let ctx):
            return (render(ctx.codingPath), "expected \(Self.typeName(type))")
        case .valueNotFound(let type, let ctx):
            return (render(ctx.codingPath), "expected \(Self.typeName(type)), found null")
        case .dataCorrupted(let ctx):
            return (render(ctx.codingPath), ctx.debugDescription)
        @unknown default:
            return ("", "invalid input")
        }
    }

    private static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "\(t)"
        }
    }
}
