import CairnCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `POST /`: the AWS protocols. JSON 1.1 calls name their operation in `X-Amz-Target`; Query calls in the
/// `Action` field. Both are authenticated first, then decoded into a catalogue operation and handed to its
/// handler, which runs it through the OperationRunner.
struct AWSFrontDoor: Sendable {
    let authenticator: Authenticator
    let runner: OperationRunner
    let handlers: [CatalogueOperation: AWSHandler]

    init(authenticator: Authenticator, runner: OperationRunner, handlers: [AWSHandler]) {
        self.authenticator = authenticator
        self.runner = runner
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ($0.operation, $0) })
    }

    func respond(_ request: Request, context: CairnRequestContext) async -> Response {
        let target = request.headers[HTTPField.Name("x-amz-target")!]
        var door: ErrorEncoder.Door = target != nil || request.uri.path != "/" ? .json : .query(nil)
        do {
            let (signed, body) = try await SignedRequestReader.read(request, context: context)
            let who = try await authenticator.authenticate(signed, now: Date(), logger: context.logger)
            if case .query = door { door = .query(who.service) }
            let call = try decode(target: target, path: request.uri.path, signedFor: who.service, body: body, query: request.uri.query)
            guard let handler = handlers[call.operation] else {
                throw target.map { ServiceError.unknownOperation($0) } ?? ServiceError.invalidAction(call.operation.name)
            }
            let scope = RequestScope(
                requestId: context.requestId, principal: who.principal, region: who.region, sourceIP: context.sourceIP,
                userAgent: request.headers[.userAgent] ?? "", logger: context.logger, received: Date(),
                policyEpoch: who.policyEpoch, organizationEpoch: who.organizationEpoch)
            let reply = try await RequestScope.$current.withValue(scope) {
                try await runner.recordingEscapes(call.operation) { try await handler.handle(call) }
            }
            return encode(reply, operation: call.operation, requestId: context.requestId)
        } catch {
            let serviceError = ErrorEncoder.serviceError(from: error)
            if serviceError.status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            }
            return ErrorEncoder.response(serviceError, door: door, requestId: context.requestId)
        }
    }

    private func decode(target: String?, path: String, signedFor service: Service, body: ByteBuffer, query: String?) throws -> AWSCall {
        let data = Data(body.readableBytesView)
        if path != "/" {
            return try decodeRESTJSON(path: path, signedFor: service, data: data, query: query)
        }
        if let target {
            guard let op = OperationCatalogue.operation(target: target), op.service.wireProtocol == .json11, op.onAWSFrontDoor else {
                throw ServiceError.unknownOperation(target)
            }
            guard op.service == service else {
                throw ServiceError.incompleteSignature("Credential should be scoped to correct service: '\(op.service.rawValue)'. ")
            }
            let parameters: JSONValue
            if data.isEmpty {
                parameters = .object([:])
            } else {
                guard let value = JSONValue.parse(data) else {
                    throw ServiceError.serialization("The request body is not valid JSON.")
                }
                guard case .object = value else {
                    throw ServiceError.serialization("The request body must be a JSON object.")
                }
                parameters = value
            }
            return AWSCall(operation: op, parameters: parameters, jsonBody: data)
        }
        guard service.wireProtocol == .query else {
            throw ServiceError.unknownOperation("(missing X-Amz-Target header)")
        }
        var fields = SigV4Request.parseQuery(query ?? "")
        for (k, v) in SigV4Request.parseQuery(String(decoding: data, as: UTF8.self)) { fields[k] = v }
        guard let action = fields["Action"], !action.isEmpty else {
            throw ServiceError(code: "MissingAction", status: 400, message: "Missing Action")
        }
        guard let op = OperationCatalogue.operation(service, action), op.onAWSFrontDoor else { throw ServiceError.invalidAction(action) }
        var object: [String: JSONValue] = [:]
        for (k, v) in fields where k != "Action" && k != "Version" && !k.hasPrefix("X-Amz-") { object[k] = .string(v) }
        return AWSCall(operation: op, parameters: .object(object), jsonBody: Data())
    }

    /// REST-JSON services (cloudtrail-data) name the operation in the path: `POST /PutAuditEvents`. Query-string
    /// members join the body's.
    private func decodeRESTJSON(path: String, signedFor service: Service, data: Data, query: String?) throws -> AWSCall {
        let name = String(path.dropFirst())
        guard let op = OperationCatalogue.operation(.cloudtrailData, name), op.onAWSFrontDoor else { throw ServiceError.notFound(path) }
        guard op.service == service else {
            throw ServiceError.incompleteSignature("Credential should be scoped to correct service: '\(op.service.rawValue)'. ")
        }
        var object: [String: JSONValue] = [:]
        if !data.isEmpty {
            guard let value = JSONValue.parse(data), case .object(let members) = value else {
                throw ServiceError.serialization("The request body must be a JSON object.")
            }
            object = members
        }
        for (k, v) in SigV4Request.parseQuery(query ?? "") { object[k] = .string(v) }
        let parameters = JSONValue.object(object)
        return AWSCall(operation: op, parameters: parameters, jsonBody: Data(parameters.text.utf8))
    }

    private func encode(_ reply: AWSReply, operation: CatalogueOperation, requestId: String) -> Response {
        var headers = HTTPFields()
        headers[HTTPField.Name("x-amzn-RequestId")!] = requestId
        switch reply {
        case .json(let data):
            headers[.contentType] = "application/x-amz-json-1.1"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
        case .query(let children):
            headers[.contentType] = "text/xml"
            let ns = operation.service.queryVersion?.namespace ?? ""
            let xml = XMLWriter.document(
                "\(operation.name)Response", namespace: ns,
                [
                    .element("\(operation.name)Result", children),
                    .element("ResponseMetadata", [.text("RequestId", requestId)]),
                ])
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
    }
}
