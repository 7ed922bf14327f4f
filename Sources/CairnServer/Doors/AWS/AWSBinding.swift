import CairnCore
import CairnPolicy
import Foundation

/// A catalogue operation bound to the AWS door: how its input decodes from the protocol's members and how its
/// output is written back. The table of these is the door's whole surface; a test checks it against the
/// catalogue.
struct AWSBinding: Sendable {
    let entry: CatalogueOperation
    let serve: @Sendable (AWSFrame, RequestScope, OperationRunner) async throws -> AWSReply
    /// For an operation AWS serves unsigned: who the caller is, read from the request (given the partition).
    var identify: (@Sendable (AWSFrame, String) throws -> Principal)? = nil

    /// Query, unsigned: `caller` names the principal from the decoded input before the runner runs the call.
    static func unsignedQuery<Input: OperationInput & Decodable, Output: Encodable>(
        _ operation: Operation<Input, Output>, caller: @escaping @Sendable (Input, String) throws -> Principal
    ) -> AWSBinding {
        var binding = query(operation)
        binding.identify = { frame, partition in try caller(try frame.decode(Input.self), partition) }
        return binding
    }

    /// JSON 1.1 and REST-JSON: the input decodes from the body's object; the output is the model's response as
    /// it is.
    static func json<Input: OperationInput & Decodable, Output: Encodable>(_ operation: Operation<Input, Output>) -> AWSBinding {
        AWSBinding(entry: operation.entry) { frame, scope, runner in
            let output = try await runner.run(operation, in: scope) { try frame.decode(Input.self) }
            return .json(try AWSJSON.encoder.encode(output).text)
        }
    }

    /// Query: the input decodes from the form fields; the output is written as the Result element's children
    /// (XMLWriter.nodes), dates in ISO 8601 as the Query services write them.
    static func query<Input: OperationInput & Decodable, Output: Encodable>(
        _ operation: Operation<Input, Output>, maps: Set<String> = []
    ) -> AWSBinding {
        query(operation) { output in
            XMLWriter.nodes((try? JSONValueEncoder(keys: .asDeclared, dates: .iso8601).encode(output)) ?? .object([:]), maps: maps)
        }
    }

    /// Query: the input decodes from the form fields; `reply` writes the Result element's children.
    static func query<Input: OperationInput & Decodable, Output>(
        _ operation: Operation<Input, Output>, _ reply: @escaping @Sendable (Output) -> [XMLWriter.Node]
    ) -> AWSBinding {
        AWSBinding(entry: operation.entry) { frame, scope, runner in
            let output = try await runner.run(operation, in: scope) { try frame.decode(Input.self) }
            return .query(reply(output))
        }
    }
}

/// What a binding answers: a JSON object's text for JSON 1.1 and REST-JSON (copied once, into the response's
/// buffer), or the Result element's children for Query.
enum AWSReply: Sendable {
    case json(String)
    case query([XMLWriter.Node])
}

/// The JSON services' encoding: epoch-second timestamps, as JSON 1.1 carries them, blobs in base64, members in
/// the model's order, ARNs left readable (no escaped slashes). Written without Foundation's encoder, which cost
/// more per call than the operation it answered for.
enum AWSJSON {
    static let encoder = JSONValueEncoder(keys: .asDeclared, dates: .epochSeconds)
}
