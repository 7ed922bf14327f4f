import CairnCore

/// STS over the Query protocol.
struct STSHandlers: Sendable {
    let runner: OperationRunner

    var all: [AWSHandler] {
        [AWSHandler(operation: OperationCatalogue.getCallerIdentity) { _ in
            let who = try await runner.run(OperationCatalogue.getCallerIdentity) { _, facts in
                .init(facts.principal)
            }
            return .query([.text("Arn", who.arn), .text("UserId", who.principalId), .text("Account", who.account.value)])
        }]
    }
}
