import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// The encoded authorization message of a refusal: the decoded message and the caller's account, sealed with the
/// master key (AES-GCM) and written base64url. Only Cairn can open it, it cannot be altered unseen, and it opens
/// only for the account it was made for.
enum AuthorizationMessageSeal {
    private static let prefix = "cairn-authz-1."

    static func seal(_ message: AuthorizationFailureMessage, secrets: SecretBox) -> String? {
        let payload: JSONValue = .object(["account": .string(message.account.value), "message": message.json])
        guard let sealed = try? secrets.seal(payload.text) else { return nil }
        return prefix + Base64URL.encode(sealed)
    }

    /// The decoded message's JSON text; nil for anything Cairn did not seal for `account`.
    static func open(_ text: String, account: AccountId, secrets: SecretBox) -> String? {
        guard text.hasPrefix(prefix) else { return nil }
        guard let data = Base64URL.decode(text.dropFirst(prefix.count)), let opened = try? secrets.open(data),
            case .object(let payload) = JSONValue.parse(opened), payload["account"]?.stringValue == account.value,
            let message = payload["message"]
        else { return nil }
        return message.text
    }
}
