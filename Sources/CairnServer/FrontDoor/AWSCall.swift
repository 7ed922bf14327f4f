import CairnCore
import Foundation

/// A decoded AWS-protocol call: the operation and its parameters, in whichever shape the protocol carries.
struct AWSCall: Sendable {
    let operation: CatalogueOperation
    /// JSON 1.1: the request object. Query: the form fields as strings.
    let parameters: JSONValue
    let jsonBody: Data

    /// Decodes the JSON 1.1 body into the operation's input type; every mistake names the member at fault.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: jsonBody.isEmpty ? Data("{}".utf8) : jsonBody)
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ServiceError.missingParameter(path(ctx.codingPath + [key]))
        } catch let DecodingError.typeMismatch(t, ctx) {
            throw ServiceError.serialization("\(path(ctx.codingPath)): expected \(describe(t))")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw ServiceError.missingParameter(path(ctx.codingPath))
        } catch let DecodingError.dataCorrupted(ctx) {
            throw ServiceError.serialization("\(path(ctx.codingPath)): \(ctx.debugDescription)")
        }
    }

    /// A Query-protocol field.
    func field(_ name: String) -> String? { parameters[name]?.stringValue }

    private func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "body" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private func describe(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is Double.Type: "a number"
        default: "a different type (\(t))"
        }
    }
}

/// A front-door handler bound to its catalogue entry; the table of these is the front door's whole surface.
struct AWSHandler: Sendable {
    let operation: CatalogueOperation
    let handle: @Sendable (AWSCall) async throws -> AWSReply
}
