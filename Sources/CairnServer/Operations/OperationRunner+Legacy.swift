import CairnCore
import CairnStore
import Foundation
import Logging
import Metrics

/// The runner's entry points from before the typed operations; each domain moves off them in turn.
extension OperationRunner {
    /// What a handler's body produces: its output, and what the event records of it.
    struct Outcome<Output: Sendable>: Sendable {
        let output: Output
        var responseElements: JSONValue?
        var resources: [EventRecord.Resource]?

        init(_ output: Output, responseElements: JSONValue? = nil, resources: [EventRecord.Resource]? = nil) {
            self.output = output
            self.responseElements = responseElements
            self.resources = resources
        }
    }

    /// Runs one call. `target` names the resource (and its resource-based policy) when the catalogue
    /// entry's default — derived from the operation alone — is not precise enough.
    func run<Output: Sendable>(
        _ operation: CatalogueOperation, parameters: JSONValue? = nil, target: AuthorizationTarget? = nil,
        _ body: @Sendable (Transaction, CallFacts) async throws -> Outcome<Output>
    ) async throws -> Output {
        try await run(operation, parameters: parameters, resolvingTarget: { target }, body)
    }

    /// Runs one call whose target must be read from the store (a resource's tags or resource policy). The
    /// read is part of authorization, so when it fails the call is still answered in AWS's shape and, unless
    /// the database itself is gone, still has its event.
    func run<Output: Sendable>(
        _ operation: CatalogueOperation, parameters: JSONValue? = nil,
        resolvingTarget resolve: @Sendable () async throws -> AuthorizationTarget?,
        _ body: @Sendable (Transaction, CallFacts) async throws -> Outcome<Output>
    ) async throws -> Output {
        guard let scope = RequestScope.current else {
            // Reaching an operation without an authenticated scope is a wiring bug, never a caller's fault.
            throw ServiceError.internalFailure
        }
        let facts = CallFacts(
            operation: operation, principal: scope.principal, region: scope.region, requestId: scope.requestId,
            sourceIP: scope.sourceIP, userAgent: scope.userAgent, time: scope.received, requestParameters: parameters)
        let started = ContinuousClock.now
        defer {
            Timer(label: "cairn_operation_duration_seconds", dimensions: [("operation", operation.action)])
                .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        }
        let refusal: ServiceError?
        do {
            let target = try await resolve()
            refusal = try await authorizer.refusal(
                for: facts, target: target, epoch: scope.policyEpoch, organizationEpoch: scope.organizationEpoch, logger: scope.logger)
        } catch let refused as ServiceError {
            try await recordFailure(facts, refused, logger: scope.logger)
            throw refused
        } catch {
            scope.logger.error("authorization failed", metadata: ["operation": "\(operation.action)", "error": "\(String(reflecting: error))"])
            let answer = PostgresFailure(error).serviceError
            if answer.status < 500 { try? await recordFailure(facts, answer, logger: scope.logger) }
            throw answer
        }
        if let refusal {
            try await recordFailure(facts, refusal, logger: scope.logger)
            throw refusal
        }
        do {
            let output: Output
            if operation.readOnly, let eventQueue {
                // A read changes nothing, so its event need not share a transaction with it; it must only be
                // durable before the answer leaves.
                let outcome = try await store.read(logger: scope.logger) { tx in try await body(tx, facts) }
                if Self.recordsEvents {
                    let record = facts.record(
                        eventId: UUID(), response: outcome.responseElements, error: nil, resources: outcome.resources)
                    try await eventQueue.commit(record, at: facts.time)
                }
                scope.ledger.markRecorded()
                output = outcome.output
            } else {
                output = try await store.transaction(logger: scope.logger) { tx in
                    let outcome = try await body(tx, facts)
                    if Self.recordsEvents {
                        let record = facts.record(
                            eventId: UUID(), response: outcome.responseElements, error: nil, resources: outcome.resources)
                        try await tx.events.append(record, at: facts.time)
                    }
                    return outcome.output
                }
                scope.ledger.markRecorded()
            }
            count(operation, status: "ok")
            return output
        } catch let refusal as ServiceError {
            try await recordFailure(facts, refusal, logger: scope.logger)
            throw refusal
        } catch {
            let answer = PostgresFailure(error).serviceError
            if answer.status >= 500 {
                scope.logger.error("operation failed", metadata: ["operation": "\(operation.action)", "error": "\(String(reflecting: error))"])
            }
            try? await recordFailure(facts, answer, logger: scope.logger)
            throw answer
        }
    }

    /// Whether the current caller may call `operation` too, without calling it: for operations whose AWS
    /// counterpart needs the caller's permission on the APIs it calls on the caller's behalf.
    func isAllowed(_ operation: CatalogueOperation) async throws -> Bool {
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        let facts = CallFacts(
            operation: operation, principal: scope.principal, region: scope.region, requestId: scope.requestId,
            sourceIP: scope.sourceIP, userAgent: scope.userAgent, time: scope.received)
        return try await authorizer.refusal(
            for: facts, target: nil, epoch: scope.policyEpoch, organizationEpoch: scope.organizationEpoch, logger: scope.logger) == nil
    }

    /// Runs a handler for `operation`; if it fails before the runner recorded the call (its input refused
    /// while decoding, or a rule the handler checks first), the failure is recorded here, without request
    /// parameters, since the request may be what was wrong.
    func recordingEscapes<Reply: Sendable>(_ operation: CatalogueOperation, _ handle: () async throws -> Reply) async throws -> Reply {
        do {
            return try await handle()
        } catch {
            if let scope = RequestScope.current, !scope.ledger.isRecorded {
                let facts = CallFacts(
                    operation: operation, principal: scope.principal, region: scope.region, requestId: scope.requestId,
                    sourceIP: scope.sourceIP, userAgent: scope.userAgent, time: scope.received)
                do {
                    try await recordFailure(facts, ServiceError(failure: error), logger: scope.logger)
                } catch {
                    scope.logger.error("a refused call's event could not be stored", metadata: ["error": "\(String(reflecting: error))"])
                }
            }
            throw error
        }
    }

    /// A refused or failed call still has its event; it commits on its own because the call's transaction,
    /// if any, rolled back.
    private func recordFailure(_ facts: CallFacts, _ error: ServiceError, logger: Logger) async throws {
        count(facts.operation, status: error.code)
        let record = facts.record(eventId: UUID(), response: nil, error: error)
        if let eventQueue {
            try await eventQueue.commit(record, at: facts.time)
        } else {
            try await store.transaction(logger: logger) { tx in try await tx.events.append(record, at: facts.time) }
        }
        RequestScope.current?.ledger.markRecorded()
    }

    private func count(_ operation: CatalogueOperation, status: String) {
        Counter(label: "cairn_operations_total", dimensions: [("operation", operation.action), ("outcome", status)]).increment()
    }
}
