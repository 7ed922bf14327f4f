/// Why a simulation request could not be evaluated, naming the field: `request.principal.arn: missing
/// required field`, `identityPolicies[0].Statement[1].Condition: unknown operator StringEqualz`.
/// Callers map it to a 400 / exit status 2; it is never a decision.
package struct SimulationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    package var path: String
    package var message: String

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    package var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
