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
        guard let caller = context.caller else { throw ServiceError.internalFailure }
        let body = try await request.body.collect(upTo: ServerSettings.maxBodyBytes)
        let frame = try AWSFrame(request, body: body, signedFor: caller.service)
        guard let binding = bindings[frame.entry] else { throw ServiceError.invalidAction(frame.entry.name) }
        let reply = try await binding.serve(frame, try context.scope(userAgent: request.headers[.userAgent]), runner)
        return Self.response(reply, entry: frame.entry, requestId: context.requestId)
    }

    private static func response(_ reply: AWSReply, entry: CatalogueOperation, requestId: String) -> Response {
        switch reply {
        case .json(let data):
            let type = entry.service.wireProtocol == .restJSON ? "application/json" : "application/x-amz-json-1.1"
            return Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(data: data)))
        case .query(let children):
            let xml = XMLWriter.document(
                "\(entry.name)Response", namespace: entry.service.queryVersion?.namespace ?? "",
                [.element("\(entry.name)Result", children), .element("ResponseMetadata", [.text("RequestId", requestId)])])
            return Response(status: .ok, headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
    }
}
