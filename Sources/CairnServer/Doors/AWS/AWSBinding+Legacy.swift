import CairnCore
import Foundation

extension AWSBinding {
    /// A handler written before the typed operations: it gets the parsed call and the scope as a task-local,
    /// and a failure it raises before reaching the runner is recorded by `recordingEscapes`. Each domain moves
    /// off this in turn.
    static func legacy(_ handler: AWSHandler) -> AWSBinding {
        AWSBinding(entry: handler.operation) { frame, scope, runner in
            let members = frame.wire == .query ? frame.legacyForm : try frame.members()
            let data = frame.wire == .query ? Data() : try JSONEncoder().encode(members)
            let call = AWSCall(operation: handler.operation, parameters: members, jsonBody: data)
            return try await RequestScope.$current.withValue(scope) {
                try await runner.recordingEscapes(handler.operation) { try await handler.handle(call) }
            }
        }
    }
}

extension AWSFrame {
    /// Query form fields as the legacy handlers read them: flat names, text values.
    var legacyForm: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: formFields.map { ($0.key, JSONValue.string($0.value)) }))
    }
}
