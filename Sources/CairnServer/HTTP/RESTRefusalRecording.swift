import CairnCore
import HTTPTypes
import OpenAPIRuntime

/// Records a REST call that is refused before it reaches the OperationRunner: a body or parameter the
/// generated code cannot decode, or a rule a handler checks first. The route's operationId names its
/// catalogue entry, so the refusal is recorded as that operation, once.
struct RESTRefusalRecording: ServerMiddleware {
    let runner: OperationRunner

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let operation = OperationCatalogue.operation(restOperationId: operationID) else {
            return try await next(request, body, metadata)
        }
        return try await runner.recordingEscapes(operation) { try await next(request, body, metadata) }
    }
}
