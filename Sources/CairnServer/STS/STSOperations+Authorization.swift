import CairnCore
import CairnStore

/// sts:DecodeAuthorizationMessage: what a refusal's encoded message says (AuthorizationFailureMessage). It needs
/// the permission, as AWS's does, and opens only messages of refusals in the caller's own account.
extension STSOperations {
    static let decodeAuthorizationMessage = Operation<STSModel.DecodeAuthorizationMessageInput, STSModel.DecodedAuthorizationMessage>(
        OperationCatalogue.decodeAuthorizationMessage
    ) { input, ctx in
        guard let encoded = input.EncodedMessage else { throw ServiceError.missingParameter("encodedMessage") }
        guard (1...10_240).contains(encoded.utf8.count) else {
            throw ServiceError.validation("encodedMessage", "Member must have length less than or equal to 10240")
        }
        guard let decoded = AuthorizationMessageSeal.open(encoded, account: ctx.facts.principal.account, secrets: ctx.tx.secrets) else {
            throw ServiceError(
                code: "InvalidAuthorizationMessageException", status: 400,
                message: "The error message is invalid or was not issued for this account.")
        }
        return .init(DecodedMessage: decoded)
    }
}
