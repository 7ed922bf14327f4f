/// One entry of the error catalogue: the AWS error code, the HTTP status AWS answers with, and the message.
///
/// Every refusal the service makes is one of these, whichever front door the call came through, so the
/// JSON 1.1, Query and REST encoders can word the same failure the same way.
package struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    package let code: String
    package let status: Int
    package let message: String
    /// The modeled `Reason` member some AWS errors carry (Organizations' ConstraintViolationException,
    /// InvalidInputException, HandshakeConstraintViolationException); botocore exposes it as `Reason`.
    package let reason: String?
    /// For an authorization refusal: what sts:DecodeAuthorizationMessage decodes (the REST door answers it as
    /// `encodedAuthorizationMessage`, sealed there; AWS's doors for IAM, STS, CloudTrail and Organizations answer none).
    package var authorizationFailure: AuthorizationFailureMessage?
    /// Query-protocol fault type: "Sender" for client faults, "Receiver" for ours.
    package var faultType: String { status >= 500 ? "Receiver" : "Sender" }

    package init(code: String, status: Int, message: String, reason: String? = nil) {
        self.code = code
        self.status = status
        self.message = message
        self.reason = reason
    }

    package var description: String { "\(code): \(message)" }
}

extension ServiceError {
    // MARK: Input (the decode step)

    /// A field failed validation; AWS's JSON services answer ValidationException and name the field.
    package static func validation(_ field: String, _ problem: String) -> ServiceError {
        ServiceError(
            code: "ValidationException", status: 400,
            message: "1 validation error detected: Value at '\(field)' failed to satisfy constraint: \(problem)")
    }

    package static func missingParameter(_ field: String) -> ServiceError {
        ServiceError(
            code: "ValidationException", status: 400,
            message: "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: Member must not be null")
    }

    package static func serialization(_ detail: String) -> ServiceError {
        ServiceError(code: "SerializationException", status: 400, message: detail)
    }

    package static func unknownOperation(_ target: String) -> ServiceError {
        ServiceError(code: "UnknownOperationException", status: 400, message: "Unknown operation \(target)")
    }

    package static func invalidAction(_ action: String) -> ServiceError {
        ServiceError(code: "InvalidAction", status: 400, message: "Could not find operation \(action) for version 2011-06-15")
    }

    package static func bodyTooLarge(limit: Int) -> ServiceError {
        ServiceError(code: "RequestEntityTooLargeException", status: 413, message: "Request body exceeds the limit of \(limit) bytes")
    }

    package static func notFound(_ path: String) -> ServiceError {
        ServiceError(code: "NotFoundException", status: 404, message: "No route for \(path)")
    }

    package static func methodNotAllowed(_ method: String, _ path: String) -> ServiceError {
        ServiceError(code: "MethodNotAllowedException", status: 405, message: "\(method) is not allowed on \(path)")
    }

    // MARK: Authentication

    package static let missingAuthentication = ServiceError(
        code: "MissingAuthenticationTokenException", status: 403, message: "Missing Authentication Token")
    package static let unrecognizedClient = ServiceError(
        code: "UnrecognizedClientException", status: 403, message: "The security token included in the request is invalid.")
    package static let signatureMismatch = ServiceError(
        code: "InvalidSignatureException", status: 403,
        message:
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
    )
    package static let expiredToken = ServiceError(
        code: "ExpiredTokenException", status: 403, message: "The security token included in the request is expired")

    package static func incompleteSignature(_ detail: String) -> ServiceError {
        ServiceError(code: "IncompleteSignatureException", status: 403, message: detail)
    }

    /// A request signed for another service than the one that serves it (or a signing name no service has).
    package static func wrongSigningService(_ service: String) -> ServiceError {
        incompleteSignature("Credential should be scoped to correct service: '\(service)'. ")
    }

    package static func wrongSigningService(_ service: Service) -> ServiceError { wrongSigningService(service.rawValue) }

    /// A credential scope naming a region Cairn does not serve.
    package static func unknownRegion(_ region: String) -> ServiceError {
        incompleteSignature("Credential should be scoped to a valid region, not '\(region)'. ")
    }

    package static func signatureExpired(signed: String, now: String, earliest: String) -> ServiceError {
        ServiceError(
            code: "InvalidSignatureException", status: 403,
            message: "Signature expired: \(signed) is now earlier than \(earliest) (\(now) - 15 min.)")
    }

    package static func signatureNotYetCurrent(signed: String, now: String, latest: String) -> ServiceError {
        ServiceError(
            code: "InvalidSignatureException", status: 403,
            message: "Signature not yet current: \(signed) is still later than \(latest) (\(now) + 15 min.)")
    }

    package static func accountSuspended(_ account: String) -> ServiceError {
        ServiceError(code: "AccountSuspendedException", status: 403, message: "The account \(account) is suspended.")
    }

    // MARK: Authorization

    /// AWS's wording: "User: ARN is not authorized to perform: ACTION on resource: RES because no
    /// identity-based policy allows the ACTION action" or "… with an explicit deny in a service control policy".
    package static func accessDenied(principal: String, action: String, resource: String, tail: String) -> ServiceError {
        ServiceError(
            code: "AccessDeniedException", status: 400,
            message: "User: \(principal) is not authorized to perform: \(action) on resource: \(resource) \(tail)")
    }

    // MARK: Ours

    package static let internalFailure = ServiceError(
        code: "InternalFailure", status: 500, message: "The request processing has failed because of an unknown error, exception or failure.")

    package static let serviceUnavailable = ServiceError(
        code: "ServiceUnavailable", status: 503, message: "The service is unavailable. Please try again later.")
    /// What a 503 says in Retry-After: a failover on loopback takes a few seconds (docs/deploy.md).
    package static let retryAfterSeconds = 2
}
