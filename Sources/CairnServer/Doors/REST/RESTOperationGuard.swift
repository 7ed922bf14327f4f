import CairnCore
import HTTPTypes
import OpenAPIRuntime

/// The generated code decodes a REST request before its handler can hand it to the runner; a request it
/// refuses there is still a call of the route's operation, so the runner records it (`refuse`). A failure the
/// runner answered (`OperationFailure`) passes through: it already has its event.
struct RESTOperationGuard: ServerMiddleware {
    let runner: OperationRunner

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch {
            let underlying = (error as? ServerError)?.underlyingError ?? error
            if let answered = underlying as? OperationFailure { throw answered }
            guard let entry = OperationCatalogue.operation(restOperationId: operationID), let scope = RequestScope.current else { throw error }
            let refusal = (error as? ServerError).map(RESTDecodingFailure.serviceError) ?? ServiceError(failure: error)
            throw await runner.refuse(entry, in: scope, refusal)
        }
    }
}
