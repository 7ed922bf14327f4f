import CairnCore
import CairnStore

extension ServiceError {
    /// Any failure inside a call as the catalogue error its caller gets. A rule's refusal is the caller's
    /// 4xx; a database that cannot store or compare a value from the request is the caller's 400; an
    /// unreachable database is a 503; anything else is our bug, a 500 that says so only in the log.
    init(failure error: any Error) {
        switch error {
        case let e as ServiceError: self = e
        case let e as OperationFailure: self = e.error
        case let e as TrailRuleViolation: self = ServiceError(e)
        case let e as DecodingError: self = ServiceError(decoding: e)
        case let e where DatabaseUnavailable(e) != nil: self = .serviceUnavailable
        default: self = PostgresFailure(error).serviceError
        }
    }

    /// A body that does not fit the operation's input, naming the member at fault.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let ctx): self = .missingParameter(WirePath.text(ctx.codingPath + [key]))
        case .valueNotFound(_, let ctx): self = .missingParameter(WirePath.text(ctx.codingPath))
        case .typeMismatch(_, let ctx), .dataCorrupted(let ctx):
            self = .serialization("\(WirePath.text(ctx.codingPath)): \(ctx.debugDescription)")
        @unknown default: self = .serialization("The request body could not be read.")
        }
    }
}

/// A member's place in a request, as error messages name it: `TagsList[1].Key`.
enum WirePath {
    static func text(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let i = key.intValue, key is ListIndex || key.stringValue.isEmpty || Int(key.stringValue) == i {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out.isEmpty ? "body" : out
    }
}
