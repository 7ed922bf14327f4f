/// IAM's own error codes (botocore's iam model): the Query encoder passes them through unchanged.
extension ServiceError {
    package static func noSuchEntity(_ message: String) -> ServiceError {
        ServiceError(code: "NoSuchEntity", status: 404, message: message)
    }

    package static func entityAlreadyExists(_ message: String) -> ServiceError {
        ServiceError(code: "EntityAlreadyExists", status: 409, message: message)
    }

    package static func deleteConflict(_ message: String) -> ServiceError {
        ServiceError(code: "DeleteConflict", status: 409, message: message)
    }

    package static func limitExceeded(_ message: String) -> ServiceError {
        ServiceError(code: "LimitExceeded", status: 409, message: message)
    }

    package static func malformedPolicyDocument(_ message: String) -> ServiceError {
        ServiceError(code: "MalformedPolicyDocument", status: 400, message: message)
    }

    package static func invalidInput(_ message: String) -> ServiceError {
        ServiceError(code: "InvalidInput", status: 400, message: message)
    }

    /// IAM words a model-constraint failure with the offending value, unlike the JSON services.
    /// A change to a service-linked role, which only its service may change.
    package static func unmodifiableRole(_ name: String) -> ServiceError {
        ServiceError(
            code: "UnmodifiableEntity", status: 400,
            message: "Cannot perform the operation on the protected role '\(name)' - this role is only modifiable by AWS")
    }

    package static func iamValidation(_ field: String, value: String, _ constraint: String) -> ServiceError {
        ServiceError(
            code: "ValidationException", status: 400,
            message: "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(constraint)")
    }
}
