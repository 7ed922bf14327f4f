import CairnCore
import CairnStore
import Foundation

/// The operator's account and region administration, shared by the REST API and the `cairn account` /
/// `cairn region` commands, so both run the same catalogue operations (authorized and audited alike).
struct AccountAdministration: Sendable {
    let runner: OperationRunner

    struct Created: Sendable {
        let account: AccountRecord
        let createdAt: Date
        let accessKeyId: String
        /// Shown once: only its sealed form is stored.
        let secretAccessKey: String
    }

    static func accountExists(_ id: String) -> ServiceError {
        ServiceError(code: "AccountNotFoundException", status: 404, message: "Account \(id) does not exist.")
    }

    /// A standalone account with a root access key.
    func createAccount(name: String, email: String) async throws -> Created {
        guard (1...50).contains(name.count), name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else {
            throw ServiceError.validation("name", "Member must be 1 to 50 printable ASCII characters")
        }
        guard (6...64).contains(email.count), email.split(separator: "@", omittingEmptySubsequences: false).count == 2,
            !email.contains(where: \.isWhitespace), email.split(separator: "@").last?.contains(".") == true
        else { throw ServiceError.validation("email", "Member must be an email address of 6 to 64 characters") }
        let parameters: JSONValue = .object(["name": .string(name), "email": .string(email)])
        return try await runner.run(OperationCatalogue.createTenantAccount, parameters: parameters) { tx, _ in
            guard let id = try await tx.accounts.insertIfNew(name: name, email: email) else {
                throw ServiceError(code: "EmailAlreadyExistsException", status: 409, message: "An account with the email \(email) already exists.")
            }
            var g = SystemRandomNumberGenerator()
            let keyId = AccessKeyFormat.newId(using: &g)
            let secret = AccessKeyFormat.newSecret(using: &g)
            try await tx.accessKeys.putRootKey(account: id, accessKeyId: keyId, secret: secret)
            guard let record = try await tx.accounts.find(id) else { throw ServiceError.internalFailure }
            let created = Created(account: record, createdAt: Date(), accessKeyId: keyId, secretAccessKey: secret)
            // The event records the new account and key id, never the secret.
            let response: JSONValue = .object(["accountId": .string(id.value), "accessKeyId": .string(keyId)])
            return .init(created, responseElements: response)
        }
    }

    /// True when the region is new.
    func addRegion(_ name: String) async throws -> Bool {
        guard RegionName.isValid(name) else {
            throw ServiceError.validation("name", "Member must be a region name such as eu-south-2 (lowercase parts separated by dashes, ending in a number, at most 32 characters)")
        }
        return try await runner.run(OperationCatalogue.addRegion, parameters: .object(["name": .string(name)])) { tx, _ in
            .init(try await tx.regions.add(name))
        }
    }
}
