import CairnCore

/// A call the runner answered with an error and recorded. Doors word `error` in their protocol's shape; the
/// REST door's decoding guard sees from this type that the call already has its event.
struct OperationFailure: Error, Sendable {
    let error: ServiceError
}
