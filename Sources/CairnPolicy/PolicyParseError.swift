/// A document that cannot be understood, with the JSON path of the offending element so an author can find
/// it in a 6 KB policy: `Statement[1].Condition: unknown operator StringEqualz`.
package struct PolicyParseError: Error, Sendable, Hashable, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
