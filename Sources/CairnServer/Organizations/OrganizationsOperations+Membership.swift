import CairnCore
import CairnPolicy
import CairnStore
import Foundation

/// Accounts joining and leaving: CreateAccount, invitations and their answers, removal and leaving.
extension OrganizationsOperations {
    /// ListHandshakes*'s Filter: an ActionType (only INVITE exists in Cairn) or a ParentHandshakeId.
    /// ListHandshakes*' Filter as a test of one handshake: by ActionType, or by ParentHandshakeId.
    static func handshakeFilter(_ filter: JSONValue?) throws(ServiceError) -> @Sendable (HandshakeRecord) -> Bool {
        guard let filter, filter != .null else { return { _ in true } }
        guard case .object(let members) = filter else { throw .invalidInput("INVALID_LIST_MEMBER", "Filter must be an object.") }
        if members["ActionType"] != nil && members["ParentHandshakeId"] != nil {
            throw .invalidInput("MAX_LIMIT_EXCEEDED_FILTER", "Filter may specify only one of ActionType and ParentHandshakeId.")
        }
        if let action = members["ActionType"] {
            let known = ["INVITE", "ENABLE_ALL_FEATURES", "APPROVE_ALL_FEATURES", "ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE", "TRANSFER_RESPONSIBILITY"]
            guard let a = action.stringValue, known.contains(a) else {
                throw .invalidInput("INVALID_ENUM", "Filter.ActionType is not an action type.")
            }
            return { $0.action == a }
        }
        guard let parent = members["ParentHandshakeId"] else { return { _ in true } }
        guard let id = parent.stringValue, OrganizationIdentifiers.isHandshake(id) else {
            throw .invalidInput("INVALID_PATTERN", "Filter.ParentHandshakeId is not a handshake id.")
        }
        return { $0.parentHandshakeId == id }
    }

    static let createAccount = Operation<OrganizationsModel.CreateAccountInput, OrganizationsModel.CreateAccountStatusOutput>(
        OperationCatalogue.createAccount
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let email = try OrganizationsInputRules.email(req.Email, "Email")
        let name = try OrganizationsInputRules.required(req.AccountName, "AccountName")
        try OrganizationsInputRules.length(name, "AccountName", 1...50)
        guard name.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { throw ServiceError.invalidPattern("AccountName", name) }
        let role = req.RoleName ?? "OrganizationAccountAccessRole"
        guard (1...64).contains(role.count), role.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+=,.@_-".contains($0)) }) else {
            throw ServiceError.invalidInput("INVALID_ROLE_NAME", "RoleName '\(role)' is not a valid IAM role name.")
        }
        if let billing = req.IamUserAccessToBilling { _ = try OrganizationsInputRules.oneOf(billing, "IamUserAccessToBilling", ["ALLOW", "DENY"]) }
        let tags = try OrganizationsInputRules.tags(req.Tags)
        let status = try await tx.organizations.createAccount(org, name: name, email: email, roleName: role)
        if let account = status.accountId { try await tx.organizations.tag(org, resource: account.value, with: tags) }
        return OrganizationsModel.CreateAccountStatusOutput(CreateAccountStatus: .init(status, asRequested: true))
    }

    static let describeCreateAccountStatus = Operation<OrganizationsModel.CreateAccountRequestIdInput, OrganizationsModel.CreateAccountStatusOutput>(
        OperationCatalogue.describeCreateAccountStatus
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let id = try OrganizationsInputRules.id(req.CreateAccountRequestId, "CreateAccountRequestId", OrganizationIdentifiers.isCreateAccountRequest)
        guard let s = try await tx.organizations.createAccountStatus(org, id: id) else { throw ServiceError.createAccountStatusNotFound }
        return OrganizationsModel.CreateAccountStatusOutput(CreateAccountStatus: .init(s))
    }

    static let listCreateAccountStatus = Operation<OrganizationsModel.ListCreateAccountStatusInput, OrganizationsModel.CreateAccountStatusesOutput>(
        OperationCatalogue.listCreateAccountStatus
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        for (i, s) in (req.States ?? []).enumerated() {
            _ = try OrganizationsInputRules.oneOf(s, "States[\(i)]", ["IN_PROGRESS", "SUCCEEDED", "FAILED"])
        }
        let all = try await tx.organizations.createAccountStatuses(org, states: req.States)
        let page = try OrganizationsPage.slice(all, req, operation: "ListCreateAccountStatus")
        return OrganizationsModel.CreateAccountStatusesOutput(CreateAccountStatuses: page.items.map { .init($0) }, NextToken: page.nextToken)
    }

    static let inviteAccountToOrganization = Operation<OrganizationsModel.InviteAccountInput, OrganizationsModel.HandshakeOutput>(
        OperationCatalogue.inviteAccountToOrganization
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        guard let party = req.Target else { throw ServiceError.inputRequired("Target") }
        let type = try OrganizationsInputRules.oneOf(party.Type, "Target.Type", ["ACCOUNT", "EMAIL"])
        let value = try OrganizationsInputRules.required(party.Id, "Target.Id")
        if let notes = req.Notes { try OrganizationsInputRules.length(notes, "Notes", 0...1024) }
        let tags = try OrganizationsInputRules.tags(req.Tags)
        let target: AccountId
        if type == "ACCOUNT" {
            guard let id = AccountId(value) else {
                throw ServiceError.invalidInput("INVALID_PARTY_TYPE_TARGET", "Target.Id must be a 12-digit account id when Target.Type is ACCOUNT.")
            }
            guard try await tx.accounts.find(id) != nil else { throw ServiceError.accountNotFound }
            target = id
        } else {
            let email = try OrganizationsInputRules.email(value, "Target.Id")
            guard let id = try await tx.accounts.find(email: email) else {
                throw ServiceError.invalidInput("INVALID_EMAIL_ADDRESS_TARGET", "No account has the email address \(email).")
            }
            target = id
        }
        let h = try await tx.organizations.invite(org, target: target, targetType: type, targetValue: value, notes: req.Notes, tags: tags)
        return OrganizationsModel.HandshakeOutput(Handshake: .init(h, partition: ctx.partition))
    }

    /// A handshake the caller's account is a party to (the invited account, or the organization's management
    /// account), in any state; others are HandshakeNotFoundException, as AWS answers.
    static let describeHandshake = Operation<OrganizationsModel.HandshakeIdInput, OrganizationsModel.HandshakeOutput>(
        OperationCatalogue.describeHandshake
    ) { req, ctx in
        let id = try OrganizationsInputRules.id(req.HandshakeId, "HandshakeId", OrganizationIdentifiers.isHandshake)
        guard let h = try await ctx.tx.organizations.handshake(id, visibleTo: ctx.facts.principal.account) else {
            throw ServiceError.handshakeNotFound
        }
        return OrganizationsModel.HandshakeOutput(Handshake: .init(h, partition: ctx.partition))
    }

    static let acceptHandshake = Operation<OrganizationsModel.HandshakeIdInput, OrganizationsModel.HandshakeOutput>(
        OperationCatalogue.acceptHandshake
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let id = try OrganizationsInputRules.id(req.HandshakeId, "HandshakeId", OrganizationIdentifiers.isHandshake)
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
        switch h.action {
        case "APPROVE_ALL_FEATURES":
            try await tx.organizations.setHandshakeState(id, "ACCEPTED")
            try await tx.organizations.advanceAllFeatures(org)
        case "ENABLE_ALL_FEATURES":
            try await tx.organizations.finishAllFeatures(org, request: id)
        default:
            try await Self.join(org, tx, me, handshake: id)
        }
        guard let done = try await tx.organizations.handshake(id, visibleTo: me) else { throw ServiceError.internalFailure }
        return OrganizationsModel.HandshakeOutput(Handshake: .init(done, partition: ctx.partition))
    }

    /// An accepted invitation: the account joins under the root, with the tags the invitation carried.
    static func join(_ org: OrganizationRecord, _ tx: Transaction, _ me: AccountId, handshake id: String) async throws {
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
    }

    static let declineHandshake = Operation<OrganizationsModel.HandshakeIdInput, OrganizationsModel.HandshakeOutput>(
        OperationCatalogue.declineHandshake
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        return try await Self.answer(req, tx, facts, to: "DECLINED", by: \.targetAccount, partition: ctx.partition)
    }

    static let cancelHandshake = Operation<OrganizationsModel.HandshakeIdInput, OrganizationsModel.HandshakeOutput>(
        OperationCatalogue.cancelHandshake
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        return try await Self.answer(req, tx, facts, to: "CANCELED", by: \.managementAccount, partition: ctx.partition)
    }

    static let listHandshakesForAccount = Operation<OrganizationsModel.ListHandshakesInput, OrganizationsModel.HandshakesOutput>(
        OperationCatalogue.listHandshakesForAccount
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let keep = try Self.handshakeFilter(req.Filter)
        let all = try await tx.organizations.handshakes(forAccount: facts.principal.account).filter(keep)
        let page = try OrganizationsPage.slice(all, req, operation: "ListHandshakesForAccount")
        return OrganizationsModel.HandshakesOutput(Handshakes: page.items.map { .init($0, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let listHandshakesForOrganization = Operation<OrganizationsModel.ListHandshakesInput, OrganizationsModel.HandshakesOutput>(
        OperationCatalogue.listHandshakesForOrganization
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.reader(ctx)
        let keep = try Self.handshakeFilter(req.Filter)
        let all = try await tx.organizations.handshakes(forOrganization: org).filter(keep)
        let page = try OrganizationsPage.slice(all, req, operation: "ListHandshakesForOrganization")
        return OrganizationsModel.HandshakesOutput(Handshakes: page.items.map { .init($0, partition: ctx.partition) }, NextToken: page.nextToken)
    }

    static let removeAccountFromOrganization = Operation<OrganizationsModel.AccountIdInput, NoOutput>(
        OperationCatalogue.removeAccountFromOrganization
    ) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let id = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
        guard m.account != org.managementAccount else { throw ServiceError.masterCannotLeave }
        try await tx.organizations.removeMember(org, account: m.account)
        return NoOutput()
    }

    /// The management account closes a member account (all features only, as AWS's). The account is
    /// PENDING_CLOSURE at once — its credentials and sessions are refused from then on — and CLOSED when the
    /// background closure completes (`CAIRN_ACCOUNT_CLOSURE_SECONDS` later); its events and delivered files stay.
    static let closeAccount = Operation<OrganizationsModel.AccountIdInput, NoOutput>(OperationCatalogue.closeAccount) { req, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let org = try await Self.standing(tx, facts).requireManagement()
        let id = try OrganizationsInputRules.id(req.AccountId, "AccountId", OrganizationIdentifiers.isAccount)
        guard let m = try await tx.organizations.member(of: org, account: id) else { throw ServiceError.accountNotFound }
        guard m.account != org.managementAccount else { throw ServiceError.constraintViolation(.cannotCloseManagementAccount) }
        guard org.allFeatures else { throw ServiceError.constraintViolation(.organizationNotInAllFeaturesMode) }
        switch m.status {
        case "CLOSED": throw ServiceError.accountAlreadyClosed
        case "PENDING_CLOSURE": throw ServiceError.accountClosureUnderWay
        default: try await tx.organizations.requestClosure(org, account: m.account, at: facts.time)
        }
        return NoOutput()
    }

    static let leaveOrganization = Operation<NoInput, NoOutput>(OperationCatalogue.leaveOrganization) { _, ctx in
        let (tx, facts) = (ctx.tx, ctx.facts)
        let standing = try await Self.standing(tx, facts)
        let org = try standing.requireOrganization()
        guard !standing.isManagement else { throw ServiceError.masterCannotLeave }
        try await tx.organizations.removeMember(org, account: facts.principal.account)
        return NoOutput()
    }

    /// Declining (by the invited account) or canceling (by the inviter) an open handshake.
    static func answer(
        _ req: OrganizationsModel.HandshakeIdInput, _ tx: Transaction, _ facts: CallFacts, to state: String,
        by party: KeyPath<HandshakeRecord, AccountId>,
        partition: String
    ) async throws -> OrganizationsModel.HandshakeOutput {
        let id = try OrganizationsInputRules.id(req.HandshakeId, "HandshakeId", OrganizationIdentifiers.isHandshake)
        guard let h = try await tx.organizations.handshake(id, visibleTo: facts.principal.account, lock: true) else {
            throw ServiceError.handshakeNotFound
        }
        guard h[keyPath: party] == facts.principal.account else { throw ServiceError.organizationsAccessDenied }
        if h.state == state { throw ServiceError.handshakeAlreadyInState }
        guard h.state == "OPEN" || (h.state == "REQUESTED" && state == "CANCELED") else { throw ServiceError.invalidHandshakeTransition }
        try await tx.organizations.setHandshakeState(id, state)
        guard let done = try await tx.organizations.handshake(id, visibleTo: facts.principal.account) else { throw ServiceError.internalFailure }
        return OrganizationsModel.HandshakeOutput(Handshake: .init(done, partition: partition))
    }
}
