import CairnCore
import CairnStore
import Foundation
import Logging
import Metrics

/// The one path every call takes once its door knows the operation: decode → find the target → authorize →
/// execute in one transaction with the call's event → record the outcome. Doors hand it a typed operation
/// and a way to decode its input; they cannot skip a step, and a call fails or succeeds with its event
/// recorded here and nowhere else.
struct OperationRunner: Sendable {
    let store: Store
    let authorizer: Authorizer
    /// Group commit for events that ride with no write (reads, refusals); without it each commits alone.
    var eventQueue: EventCommitQueue? = nil
    /// The calls under way, which the group commit gathers before it starts a batch.
    var underWay = CallsUnderWay()
    /// What every call reads, kept in memory; a committed write here starts a new generation at once, so
    /// this process reads its own writes.
    var caches = CallCaches()
    /// The account quota a new organization starts with (`CAIRN_ORGANIZATION_ACCOUNT_LIMIT`).
    var organizationAccountLimit = OrganizationLimits.defaultAccountLimit
    /// The streaming replica that serves operations marked `onReplica` (`DATABASE_READ_URL`), if any.
    var replica: ReplicaReads? = nil
    /// OpenID Connect providers' keys (sts:AssumeRoleWithWebIdentity), trusted as `CAIRN_OIDC_CA_FILE` says.
    var webIdentityKeys = WebIdentityKeys()

    var partition: String { store.partition }

    /// Runs one call. Every failure leaves as an `OperationFailure`, recorded: a decode failure without
    /// requestParameters (the request may be what was wrong), anything later with them.
    func run<Input, Output>(
        _ operation: Operation<Input, Output>, in scope: RequestScope, decoding decode: () throws -> Input
    ) async throws(OperationFailure) -> Output {
        let entry = operation.entry
        var facts = scope.facts(for: entry)
        let ticket = underWay.enter()
        let started = ContinuousClock.now
        defer {
            MetricHandles.shared.timer("cairn_operation_duration_seconds", ("operation", entry.action))
                .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
        }
        let input: Input
        do {
            input = try decode()
        } catch {
            throw await failed(facts, error, scope, ticket)
        }
        facts.requestParameters = EventElements.request(input, entry: entry)
        do {
            let target = try await operation.target(
                input,
                TargetContext(
                    facts: facts, partition: partition, store: store, logger: scope.logger, webIdentityKeys: webIdentityKeys))
            if let refusal = try await authorizer.refusal(
                for: facts, target: target, epoch: scope.policyEpoch, organizationEpoch: scope.organizationEpoch, logger: scope.logger)
            {
                throw refusal
            }
        } catch {
            throw await failed(facts, error, scope, ticket)
        }
        do {
            let output = try await execute(operation, input, facts, scope, ticket)
            count(entry, outcome: "ok")
            return output
        } catch {
            throw await failed(facts, error, scope, ticket)
        }
    }

    private func execute<Input, Output>(
        _ operation: Operation<Input, Output>, _ input: Input, _ facts: CallFacts, _ scope: RequestScope, _ ticket: CallsUnderWay.Ticket
    ) async throws -> Output {
        let notes = EventNotes()
        let permissions = PermissionCheck { [authorizer] other, target, facts, tx in
            return try await authorizer.refusal(
                for: scope.facts(for: other), target: target, epoch: scope.policyEpoch, organizationEpoch: scope.organizationEpoch,
                logger: scope.logger,
                reading: tx) == nil
        }
        func record(_ output: Output) -> EventRecord {
            facts.record(
                response: output.responseElements(for: operation.entry), error: nil,
                resources: notes.resources.withLock { $0 })
        }
        if operation.entry.readOnly, let eventQueue {
            // A read changes nothing, so its event need not share a transaction with it; it must only be
            // durable before the answer leaves.
            func body(_ tx: Transaction) async throws -> Output {
                try await operation.body(
                    input,
                    OperationContext(
                        tx: tx, facts: facts, partition: partition, notes: notes, permissions: permissions, caches: caches,
                        organizationAccountLimit: organizationAccountLimit))
            }
            let output: Output
            if operation.readsReplica, let replica {
                output = try await replica.read(logger: scope.logger) { tx in try await body(tx) }
            } else {
                output = try await store.read(logger: scope.logger) { tx in try await body(tx) }
            }
            if Self.recordsEvents { try await eventQueue.commit(record(output), at: facts.time, leaving: ticket) }
            return output
        }
        // A write commits its own event; the group commit need not wait for it.
        ticket.leave()
        let output = try await store.transaction(logger: scope.logger) { tx in
            let output = try await operation.body(
                input,
                OperationContext(
                    tx: tx, facts: facts, partition: partition, notes: notes, permissions: permissions, caches: caches,
                    organizationAccountLimit: organizationAccountLimit))
            if Self.recordsEvents {
                for event in Self.copies(of: record(output)) { try await tx.events.append(event, at: facts.time) }
            }
            return output
        }
        caches.freshness.invalidate()
        return output
    }

    /// The call's event, and a copy for each other account owning a resource it reached (a cross-account
    /// AssumeRole is recorded in the role's account too), all sharing one `sharedEventID`.
    static func copies(of record: EventRecord) -> [EventRecord] {
        var others: [String] = []
        for resource in record.resources ?? [] {
            if let account = resource.accountId, account != record.recipientAccountId, !others.contains(account) { others.append(account) }
        }
        guard !others.isEmpty else { return [record] }
        var original = record
        let shared = CallIdentifier.next()
        original.sharedEventID = shared
        return [original] + others.map { record.copy(forResourceAccount: $0, eventId: CallIdentifier.next(), sharedEventID: shared) }
    }

    /// Records a call the REST door's generated code refused before its handler ran (a body or parameter it
    /// could not decode): the same event a decode failure in `run` gets.
    func refuse(_ entry: CatalogueOperation, in scope: RequestScope, _ error: any Error) async -> OperationFailure {
        if let done = error as? OperationFailure { return done }
        return await failed(scope.facts(for: entry), error, scope, nil)
    }

    /// A refused or failed call still has its event; it commits on its own because the call's transaction,
    /// if any, rolled back. When even that cannot be stored, the caller learns that instead.
    private func failed(_ facts: CallFacts, _ error: any Error, _ scope: RequestScope, _ ticket: CallsUnderWay.Ticket?) async -> OperationFailure {
        if let done = error as? OperationFailure {
            ticket?.leave()
            return done
        }
        let answer = ServiceError(failure: error)
        if answer.status >= 500 {
            scope.logger.error("operation failed", metadata: ["operation": "\(facts.operation.action)", "error": "\(String(reflecting: error))"])
        }
        count(facts.operation, outcome: answer.code)
        guard Self.recordsEvents else {
            ticket?.leave()
            return OperationFailure(error: answer)
        }
        var facts = facts
        // IAM, STS and Organizations record a refused call without its parameters (docs/events.md), except a
        // refused AssumeRoleWithWebIdentity or AssumeRoleWithSAML, which AWS records with its role and session name.
        if answer.code.hasPrefix("AccessDenied"), [.iam, .sts, .organizations].contains(facts.operation.service),
            !facts.principal.type.isExternalIdentity
        {
            facts.requestParameters = nil
        }
        let record = facts.record(response: nil, error: answer)
        do {
            if let eventQueue {
                try await eventQueue.commit(record, at: facts.time, leaving: ticket)
            } else {
                ticket?.leave()
                try await store.transaction(logger: scope.logger) { tx in try await tx.events.append(record, at: facts.time) }
            }
            return OperationFailure(error: answer)
        } catch {
            scope.logger.error("a refused call's event could not be stored", metadata: ["error": "\(String(reflecting: error))"])
            // No answer leaves without its event: a refusal that cannot be recorded is answered as the
            // database's failure.
            return OperationFailure(error: answer.status >= 500 ? answer : ServiceError(failure: error))
        }
    }

    /// Always true in what ships. The recording-overhead benchmark builds a second binary with
    /// `-Xswiftc -DCAIRN_BENCHMARK_WITHOUT_RECORDING` to measure what recording costs; no setting turns it off.
    #if CAIRN_BENCHMARK_WITHOUT_RECORDING
    static let recordsEvents = false
    #else
    static let recordsEvents = true
    #endif

    private func count(_ operation: CatalogueOperation, outcome: String) {
        MetricHandles.shared.counter("cairn_operations_total", ("operation", operation.action), ("outcome", outcome)).increment()
    }
}
