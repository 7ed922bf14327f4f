import CairnCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /` (and `GET /` for presigned Query URLs, `POST /PutAuditEvents` for cloudtrail-data): the AWS
/// protocols, as a codec. The request names its operation (AWSFrame), the operation's binding decodes its
/// input and runs it through the runner, and the answer is written in the protocol's shape. Authentication
/// came before (AuthenticationMiddleware); errors leave through the door's boundary (DoorErrorMiddleware).
struct AWSDoor: Sendable {
    let runner: OperationRunner
    let bindings: [CatalogueOperation: AWSBinding]

    init(runner: OperationRunner, bindings: [AWSBinding]) {
        self.runner = runner
        self.bindings = Dictionary(uniqueKeysWithValues: bindings.map { ($0.entry, $0) })
    }

    func respond(_ request: Request, context: CairnRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: ServerSettings.maxBodyBytes)
        guard let caller = context.caller else { return try await respondUnsigned(request, body: body, context: context) }
        let frame = try AWSFrame(request, body: body, signedFor: caller.service)
        guard let binding = bindings[frame.entry] else { throw ServiceError.invalidAction(frame.entry.name) }
        let reply = try await binding.serve(frame, try context.scope(userAgent: request.headers[.userAgent]), runner)
        return Self.response(reply, entry: frame.entry, requestId: context.requestId)
    }

    /// A request with no signature: only an operation AWS serves unsigned may run, with the caller its binding
    /// reads from the request; anything else is refused as unauthenticated, before any operation is named.
    private func respondUnsigned(_ request: Request, body: ByteBuffer, context: CairnRequestContext) async throws -> Response {
        let frame = try AWSFrame(unsigned: request, body: body)
        guard let binding = bindings[frame.entry], let identify = binding.identify else { throw ServiceError.missingAuthentication }
        let principal = try identify(frame, runner.partition)
        let reply = try await binding.serve(frame, context.unsignedScope(principal, userAgent: request.headers[.userAgent]), runner)
        return Self.response(reply, entry: frame.entry, requestId: context.requestId)
    }

    private static func response(_ reply: AWSReply, entry: CatalogueOperation, requestId: String) -> Response {
        switch reply {
        case .json(let text):
            let type = entry.service.wireProtocol == .restJSON ? "application/json" : "application/x-amz-json-1.1"
            return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
        case .query(let children):
            let xml = XMLWriter.document(
                "\(entry.name)Response", namespace: entry.service.queryVersion?.namespace ?? "",
                [.element("\(entry.name)Result", children), .element("ResponseMetadata", [.text("RequestId", requestId)])])
            return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
    }
}
