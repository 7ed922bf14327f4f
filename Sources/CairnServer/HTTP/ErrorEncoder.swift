import CairnCore
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import OpenAPIRuntime
import PostgresNIO

/// Words one catalogue error for the front door the call came through: AWS JSON 1.1, AWS Query (XML), or
/// REST problem+json. The code and message are the same; only the envelope differs.
enum ErrorEncoder {
    /// `json` names the service a JSON call was signed for: REST-JSON services (access-analyzer) spell their
    /// error members in lowerCamelCase (`reason`), JSON 1.1 ones as their models do (`Reason`).
    enum Door: Sendable { case json(Service?), query(Service?), rest }

    /// `sealing`: the key a REST refusal's encoded authorization message is sealed with.
    static func response(_ error: ServiceError, door: Door, requestId: String, sealing secrets: SecretBox? = nil) -> Response {
        var headers = HTTPFields()
        // A brief outage (the database failing over): the caller may retry after this many seconds.
        if error.status == 503 { headers[.retryAfter] = "\(ServiceError.retryAfterSeconds)" }
        switch door {
        case .json(let service):
            headers[.contentType] = "application/x-amz-json-1.1"
            headers[HTTPField.Name("x-amzn-ErrorType")!] = error.code
            var body = ["__type": error.code, "message": error.message]
            if let reason = error.reason { body[service?.wireProtocol == .restJSON ? "reason" : "Reason"] = reason }
            return Response(
                status: .init(code: error.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(data: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))))
        case .query(let service):
            let (code, status) = queryCode(for: error)
            let ns = service?.queryVersion?.namespace ?? Service.sts.queryVersion!.namespace
            headers[.contentType] = "text/xml"
            let xml = XMLWriter.document(
                "ErrorResponse", namespace: ns,
                [
                    .element("Error", [.text("Type", error.faultType), .text("Code", code), .text("Message", error.message)]),
                    .text("RequestId", requestId),
                ])
            return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: xml)))
        case .rest:
            headers[.contentType] = "application/problem+json"
            let status = error.code == "AccessDeniedException" ? 403 : error.status
            var body: [String: Any] = [
                "type": "urn:cairn:error:\(error.code)", "title": error.code, "status": status,
                "detail": error.message, "code": error.code, "requestId": requestId,
            ]
            if let reason = error.reason { body["reason"] = reason }
            if let failure = error.authorizationFailure, let secrets, let sealed = AuthorizationMessageSeal.seal(failure, secrets: secrets) {
                body["encodedAuthorizationMessage"] = sealed
            }
            return Response(
                status: .init(code: status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(data: try! JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]))))
        }
    }

    /// The Query protocol's services name the same failures differently.
    static func queryCode(for error: ServiceError) -> (String, Int) {
        switch error.code {
        case "AccessDeniedException": ("AccessDenied", 403)
        case "UnrecognizedClientException": ("InvalidClientTokenId", 403)
        case "InvalidSignatureException": ("SignatureDoesNotMatch", 403)
        case "MissingAuthenticationTokenException": ("MissingAuthenticationToken", 403)
        case "IncompleteSignatureException": ("IncompleteSignature", 400)
        // Expired credentials (403); STS's own ExpiredTokenException for an expired identity-provider token (400)
        // keeps its modeled code.
        case "ExpiredTokenException" where error.status == 403: ("ExpiredToken", 403)
        case "ValidationException": ("ValidationError", 400)
        case "SerializationException": ("MalformedInput", 400)
        default: (error.code, error.status)
        }
    }

    /// Any error that reaches a door's boundary, as a catalogue error; what is not one is our bug, and says
    /// so only in the server's log.
    static func serviceError(from error: any Error, logger: Logger) -> ServiceError {
        let answer = serviceError(from: error)
        if let outage = DatabaseUnavailable(error) {
            // Expected while the database fails over; the pool's own log says when it stops and starts serving.
            logger.warning("request answered 503", metadata: ["error": "\(outage.description)"])
        } else if answer.status >= 500 {
            logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
        }
        return answer
    }

    private static func serviceError(from error: any Error) -> ServiceError {
        if let e = error as? OperationFailure { return e.error }
        if let e = error as? ServiceError { return e }
        if let e = error as? ServerError { return RESTDecodingFailure.serviceError(e) }
        if DatabaseUnavailable(error) != nil { return .serviceUnavailable }
        if error is PSQLError { return PostgresFailure(error).serviceError }
        if let e = error as? HTTPError {
            switch e.status {
            case .notFound: return .notFound("this path")
            case .contentTooLarge: return .bodyTooLarge(limit: ServerSettings.maxBodyBytes)
            case .methodNotAllowed: return .methodNotAllowed("this method", "this path")
            default:
                if e.status.code < 500 {
                    return ServiceError(code: "BadRequest", status: Int(e.status.code), message: e.body ?? e.status.reasonPhrase)
                }
            }
        }
        return .internalFailure
    }
}
