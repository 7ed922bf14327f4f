import CairnCore
import CairnStore

/// IAM management, one method per catalogue operation, shared by the Query and REST doors. Each validates its
/// input and changes the store inside the OperationRunner's transaction, so a refused call writes nothing but
/// its event. Every call acts in the caller's own account (`facts.principal.account`).
struct IAMOperations: Sendable {
    let runner: OperationRunner

    /// Runs `body` as `operation`, recording the request as CloudTrail records IAM's.
    func run<Output: Sendable>(
        _ operation: CatalogueOperation, _ request: IAMRequest,
        _ body: @Sendable (Transaction, CallFacts) async throws -> OperationRunner.Outcome<Output>
    ) async throws -> Output {
        let userName = request.optional("UserName"), roleName = request.optional("RoleName")
        return try await runner.run(operation, parameters: request.cloudTrailParameters, resolvingTarget: { [runner] in
            guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
            var tags: [String: String] = [:]
            if userName != nil || roleName != nil {
                do {
                    tags = try await runner.store.read(logger: scope.logger) { tx in
                        try await tx.principalPolicies.entityTags(account: scope.principal.account, userName: userName, roleName: roleName)
                    }
                } catch where PostgresFailure(error).serviceError.status == 400 {
                    // A name PostgreSQL cannot compare names no entity: the operation's own validation refuses it
                    // in the body, naming the field.
                }
            }
            return IAMResource.target(
                for: operation, request, principal: scope.principal, partition: runner.store.partition, resourceTags: tags)
        }, body)
    }

    /// Limits of IAM's name fields (botocore's iam model).
    enum NameLimit {
        static let user = 64
        static let existingUser = 128
        static let group = 128
        static let role = 64
        static let policy = 128
    }
}
