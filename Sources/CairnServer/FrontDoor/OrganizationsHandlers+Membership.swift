import CairnCore
import CairnStore
import Foundation

/// Accounts joining and leaving: CreateAccount, invitations and their answers, removal and leaving.
extension OrganizationsHandlers {
    struct CreateAccountStatusOutput: Encodable, Sendable { let CreateAccountStatus: OrganizationsWire.CreateAccountStatus }
    struct CreateAccountStatusesOutput: Encodable, Sendable {
        let CreateAccountStatuses: [OrganizationsWire.CreateAccountStatus]
        let NextToken: String?
    }
    struct HandshakeOutput: Encodable, Sendable { let Handshake: OrganizationsWire.Handshake }
    struct HandshakesOutput: Encodable, Sendable {
        let Handshakes: [OrganizationsWire.Handshake]
        let NextToken: String?
    }

    /// ListHandshakes*'s Filter: an ActionType (only INVITE exists in Cairn) or a ParentHandshakeId.
    static func handshakeFilter(_ filter: JSONValue?) throws(ServiceError) -> Bool {
        guard let filter, filter != .null else { return true }
        guard case .object(let members) = filter else { throw .invalidInput("INVALID_LIST_MEMBER", "Filter must be an object.") }
        if members["ActionType"] != nil && members["ParentHandshakeId"] != nil {
            throw .invalidInput("MAX_LIMIT_EXCEEDED_FILTER", "Filter may specify only one of ActionType and ParentHandshakeId.")
        }
        if let action = members["ActionType"] {
            let known = ["INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE", "TRANSFER_RESPONSIBILITY"]
            guard let a = action.stringValue, known.contains(a) else { throw .invalidInput("INVALID_ENUM", "Filter.ActionType is not an action type.") }
            return a == "INVITE"
        }
        // Invitations have no parent handshake.
        return members["ParentHandshakeId"] == nil
    }

    var membershipHandlers: [AWSHandler] {
        [
            handler(OperationCatalogue.createAccount) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let email = try OrganizationsRequest.email(req.Email, "Email")
                let name = try OrganizationsRequest.required(req.AccountName, "AccountName")
                try OrganizationsRequest.length(name, "AccountName", 1...50)
                guard name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { throw ServiceError.invalidPattern("AccountName", name) }
                let role = req.RoleName ?? "OrganizationAccountAccessRole"
                guard (1...64).contains(role.count), role.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }) else {
                    throw ServiceError.invalidInput("INVALID_ROLE_NAME", "RoleName '\(role)' is not a valid IAM role name.")
                }
                if let billing = req.IamUserAccessToBilling { _ = try OrganizationsRequest.oneOf(billing, "IamUserAccessToBilling", ["ALLOW", "DENY"]) }
                let tags = try req.checkTags()
                let status = try await tx.organizations.createAccount(org, name: name, email: email, roleName: role)
                if let account = status.accountId { try await tx.organizations.tag(org, resource: account.value, with: tags) }
                return CreateAccountStatusOutput(CreateAccountStatus: .init(status, asRequested: true))
            },
            handler(OperationCatalogue.describeCreateAccountStatus) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let id = try OrganizationsRequest.id(req.CreateAccountRequestId, "CreateAccountRequestId", OrganizationIdentifiers.isCreateAccountRequest)
                guard let s = try await tx.organizations.createAccountStatus(org, id: id) else { throw ServiceError.createAccountStatusNotFound }
                return CreateAccountStatusOutput(CreateAccountStatus: .init(s))
            },
            handler(OperationCatalogue.listCreateAccountStatus) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                for (i, s) in (req.States ?? []).enumerated() {
                    _ = try OrganizationsRequest.oneOf(s, "States[\(i)]", ["IN_PROGRESS", "SUCCEEDED", "FAILED"])
                }
                let all = try await tx.organizations.createAccountStatuses(org, states: req.States)
                let page = try OrganizationsPage.slice(all, req, operation: "ListCreateAccountStatus")
                return CreateAccountStatusesOutput(CreateAccountStatuses: page.items.map { .init($0) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.inviteAccountToOrganization) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                guard let party = req.Target else { throw ServiceError.inputRequired("Target") }
                let type = try OrganizationsRequest.oneOf(party.Type, "Target.Type", ["ACCOUNT", "EMAIL"])
                let value = try OrganizationsRequest.required(party.Id, "Target.Id")
                if let notes = req.Notes { try OrganizationsRequest.length(notes, "Notes", 0...1024) }
                let tags = try req.checkTags()
                let target: AccountId
                if type == "ACCOUNT" {
                    guard let id = AccountId(value) else {
                        throw ServiceError.invalidInput("INVALID_PARTY_TYPE_TARGET", "Target.Id must be a 12-digit account id when Target.Type is ACCOUNT.")
                    }
                    guard try await tx.accounts.find(id) != nil else { throw ServiceError.accountNotFound }
                    target = id
                } else {
                    let email = try OrganizationsRequest.email(value, "Target.Id")
                    guard let id = try await tx.accounts.find(email: email) else {
                        throw ServiceError.invalidInput("INVALID_EMAIL_ADDRESS_TARGET", "No account has the email address \(email).")
                    }
                    target = id
                }
                let h = try await tx.organizations.invite(org, target: target, targetType: type, targetValue: value, notes: req.Notes, tags: tags)
                return HandshakeOutput(Handshake: .init(h, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.acceptHandshake) { req, tx, facts in
                let id = try OrganizationsRequest.id(req.HandshakeId, "HandshakeId", OrganizationIdentifiers.isHandshake)
                let me = facts.principal.account
                guard let h = try await tx.organizations.handshake(id, visibleTo: me, lock: true) else { throw ServiceError.handshakeNotFound }
                // Only the invited account answers; the inviter sees its own handshake but may only cancel it.
                guard h.targetAccount == me else { throw ServiceError.organizationsAccessDenied }
                switch h.state {
                case "ACCEPTED": throw ServiceError.handshakeAlreadyInState
                case "OPEN": break
                default: throw ServiceError.invalidHandshakeTransition
                }
                guard let org = try await tx.organizations.lockOrganization(h.organizationId) else { throw ServiceError.invalidHandshakeTransition }
                if case .management = try await tx.organizations.standing(of: me) { throw ServiceError.masterCannotLeave }
                guard case .standalone = try await tx.organizations.standing(of: me) else {
                    throw ServiceError.handshakeConstraintViolation(.alreadyInAnOrganization)
                }
                guard try await tx.organizations.memberCount(org) < org.accountLimit else {
                    throw ServiceError.handshakeConstraintViolation(.accountNumberLimitExceeded)
                }
                try await tx.organizations.addMember(org, account: me, joinedMethod: "INVITED")
                try await tx.organizations.applyInvitationTags(handshake: id)
                try await tx.organizations.setHandshakeState(id, "ACCEPTED")
                guard let done = try await tx.organizations.handshake(id, visibleTo: me) else { throw ServiceError.internalFailure }
                return HandshakeOutput(Handshake: .init(done, partition: Self.partition(tx)))
            },
            handler(OperationCatalogue.declineHandshake) { req, tx, facts in
                try await Self.answer(req, tx, facts, to: "DECLINED", by: \.targetAccount)
            },
            handler(OperationCatalogue.cancelHandshake) { req, tx, facts in
                try await Self.answer(req, tx, facts, to: "CANCELED", by: \.managementAccount)
            },
            handler(OperationCatalogue.listHandshakesForAccount) { req, tx, facts in
                let invites = try Self.handshakeFilter(req.Filter)
                let all = invites ? try await tx.organizations.handshakes(forAccount: facts.principal.account) : []
                let page = try OrganizationsPage.slice(all, req, operation: "ListHandshakesForAccount")
                return HandshakesOutput(Handshakes: page.items.map { .init($0, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.listHandshakesForOrganization) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireReader()
                let invites = try Self.handshakeFilter(req.Filter)
                let all = invites ? try await tx.organizations.handshakes(forOrganization: org) : []
                let page = try OrganizationsPage.slice(all, req, operation: "ListHandshakesForOrganization")
                return HandshakesOutput(Handshakes: page.items.map { .init($0, partition: Self.partition(tx)) }, NextToken: page.nextToken)
            },
            handler(OperationCatalogue.removeAccountFromOrganization) { req, tx, facts in
                let org = try await Self.standing(tx, facts).requireManagement()
                let id = try OrganizationsRequest.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
                guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
                guard m.account != org.managementAccount else { throw ServiceError.masterCannotLeave }
                try await tx.organizations.removeMember(org, account: m.account)
                return OrganizationsWire.Empty()
            },
            handler(OperationCatalogue.leaveOrganization) { _, tx, facts in
                let standing = try await Self.standing(tx, facts)
                let org = try standing.requireOrganization()
                guard !standing.isManagement else { throw ServiceError.masterCannotLeave }
                try await tx.organizations.removeMember(org, account: facts.principal.account)
                return OrganizationsWire.Empty()
            },
        ]
    }

    /// Declining (by the invited account) or canceling (by the inviter) an open handshake.
    static func answer(
        _ req: OrganizationsRequest, _ tx: Transaction, _ facts: CallFacts, to state: String, by party: KeyPath<HandshakeRecord, AccountId>
    ) async throws -> HandshakeOutput {
        let id = try OrganizationsRequest.id(req.HandshakeId, "HandshakeId", OrganizationIdentifiers.isHandshake)
        guard let h = try await tx.organizations.handshake(id, visibleTo: facts.principal.account, lock: true) else {
            throw ServiceError.handshakeNotFound
        }
        guard h[keyPath: party] == facts.principal.account else { throw ServiceError.organizationsAccessDenied }
        if h.state == state { throw ServiceError.handshakeAlreadyInState }
        guard h.state == "OPEN" else { throw ServiceError.invalidHandshakeTransition }
        try await tx.organizations.setHandshakeState(id, state)
        guard let done = try await tx.organizations.handshake(id, visibleTo: facts.principal.account) else { throw ServiceError.internalFailure }
        return HandshakeOutput(Handshake: .init(done, partition: tx.store.partition))
    }
}
