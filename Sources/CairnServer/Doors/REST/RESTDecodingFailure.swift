import CairnCore
import OpenAPIRuntime

/// What the generated REST code refuses before a handler runs — a body or parameter that does not decode, a
/// content type it does not take — as the caller's 4xx, naming the field.
enum RESTDecodingFailure {
    static func serviceError(_ error: ServerError) -> ServiceError {
        if let e = error.underlyingError as? ServiceError { return e }
        if let e = error.underlyingError as? OperationFailure { return e.error }
        if let e = error.underlyingError as? DecodingError {
            switch e {
            case .keyNotFound(let key, let ctx):
                return .missingParameter((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
                let path = ctx.codingPath.map(\.stringValue).joined(separator: ".")
                return .serialization("\(path.isEmpty ? "body" : path): \(ctx.debugDescription)")
            @unknown default:
                return .serialization("The request body could not be read.")
            }
        }
        if error.causeDescription.contains("content type") || error.causeDescription.contains("Unexpected content type") {
            return ServiceError(code: "UnsupportedMediaType", status: 415, message: "Content-Type must be application/json")
        }
        if error.httpStatus.code < 500 || error.causeDescription.lowercased().contains("decod") {
            return .serialization("\(error.causeDescription): \(error.underlyingError)")
        }
        return ServiceError(failure: error.underlyingError)
    }
}
