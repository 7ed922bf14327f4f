import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Cairn's own tenancy API (operator accounts and regions): REST only, member names as openapi.yaml spells them.
enum TenancyModel {
    struct CreateAccountInput: OperationInput, Codable {
        var name: String
        var email: String
    }

    struct AccountIdInput: OperationInput, Codable {
        var accountId: String
    }

    struct UpdateAccountInput: OperationInput, Codable {
        var accountId: String
        var status: String
    }

    struct OrganizationAccountLimitInput: OperationInput, Codable {
        var organizationId: String
        var accountLimit: Int
    }

    struct OrganizationAccountLimit: OperationOutput, Encodable {
        var organizationId: String
        var accountLimit: Int
        /// Accounts in the organization now, the management account included.
        var accountCount: Int
    }

    struct RegionInput: OperationInput, Codable {
        var name: String
    }

    struct Account: OperationOutput, Encodable {
        var id: String
        var name: String
        var email: String
        var status: String
        var isOperator: Bool
        var createdAt: Date
        var organizationId: String?

        init(_ a: AccountRecord, createdAt: Date, organizationId: String?) {
            id = a.id.value
            name = a.name
            email = a.email
            status = a.status
            isOperator = a.isOperator
            self.createdAt = createdAt
            self.organizationId = organizationId
        }
    }

    /// A page of one of Cairn's own listings.
    struct ListInput: OperationInput, Codable {
        var limit: Int?
        var nextToken: String?
    }

    struct Accounts: OperationOutput, Encodable {
        var accounts: [Account]
        var nextToken: String?
    }

    struct CreatedAccount: OperationOutput, Encodable {
        var account: Account
        var accessKeyId: String
        /// Shown once: only its sealed form is stored.
        var secretAccessKey: String

        /// The event records the new account and key id, never the secret.
        func responseElements(for entry: CatalogueOperation) -> JSONValue? {
            .object(["accountId": .string(account.id), "accessKeyId": .string(accessKeyId)])
        }
    }

    struct Regions: OperationOutput, Encodable {
        var regions: [String]
    }

    struct AddedRegion: OperationOutput, Encodable {
        var name: String
        var isNew: Bool
    }
}
