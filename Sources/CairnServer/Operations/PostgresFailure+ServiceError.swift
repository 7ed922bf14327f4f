import CairnCore
import CairnStore

extension PostgresFailure {
    /// What a database failure means to the caller. A data exception (SQLSTATE class 22: a NUL byte, an
    /// invalid encoding, a value out of range) comes from a value in the request that PostgreSQL cannot store
    /// or compare, so it is the caller's 400; an unreachable database is a 503; anything else is our 500.
    var serviceError: ServiceError {
        // A service-linked role's guard (migration 0033) refused a change: IAM's UnmodifiableEntity, in its words.
        if sqlState == "CN001" {
            return ServiceError(code: "UnmodifiableEntity", status: 400, message: serverMessage ?? "This role is only modifiable by AWS")
        }
        if let state = sqlState, state.hasPrefix("22") {
            return ServiceError(
                code: "ValidationException", status: 400,
                message: "1 validation error detected: a value in the request cannot be used: \(serverMessage ?? "invalid value")")
        }
        return isConnectionProblem ? .serviceUnavailable : .internalFailure
    }
}
