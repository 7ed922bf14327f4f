import Foundation

/// The text a jsonb column is written from (`\(try JSONColumn.text(value))::jsonb`): one encoder for every
/// repository that stores a Codable value as JSON.
enum JSONColumn {
    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }
}
