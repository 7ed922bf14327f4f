/// How a resource-policy statement named the caller. The kind decides which implicit denies elsewhere can
/// still cancel the resource policy's Allow (the "which principal ARN the resource policy names" table).
package enum GrantKind: Int, Sendable, Hashable, Comparable, Codable {
    /// The account (`A` or `arn:aws:iam::A:root`): delegates to the caller's identity-side policies.
    case account = 0
    /// The role of a calling session, or the IAM user a federated session came from: boundary and session
    /// policies still limit.
    case role = 1
    case federatingUser = 2
    /// Exact user, role-session or federated-session ARN, a service, or everyone: nothing else limits.
    case user = 3
    case session = 4
    case federatedSession = 5
    case service = 6
    case anyone = 7

    package static func < (a: GrantKind, b: GrantKind) -> Bool { a.rawValue < b.rawValue }

    package var limitedByBoundaryAndSession: Bool { self == .role || self == .federatingUser }
    package var delegatesToIdentity: Bool { self == .account }
}

/// A compiled Principal/NotPrincipal element. Entries are literal: AWS allows no wildcards in Principal
/// except the lone `*`.
package struct PrincipalMatcher: Sendable, Hashable {
    package let negated: Bool
    package let wildcard: Bool
    package let accounts: Set<String>
    package let arns: Set<String>
    package let others: Set<String>

    package init(_ clause: PrincipalClause) {
        negated = clause.isNegated
        let set = clause.set
        var wildcard = set.wildcard
        var accounts = Set<String>()
        var arns = Set<String>()
        for entry in set.aws {
            if entry == "*" {
                wildcard = true
            } else if entry.count == 12, entry.allSatisfy({ $0.isASCII && $0.isNumber }) {
                accounts.insert(entry)
            } else if let account = Self.rootAccount(entry) {
                accounts.insert(account)
            } else {
                arns.insert(entry)
            }
        }
        self.wildcard = wildcard
        self.accounts = accounts
        self.arns = arns
        others = Set(set.service + set.federated + set.canonicalUser)
    }

    /// `arn:<partition>:iam::<account>:root` names the account, not the root user alone.
    static func rootAccount(_ arn: String) -> String? {
        let parsed = ParsedArn(arn)
        guard let split = parsed.split else { return nil }
        let service = parsed.bytes[split.range(2)]
        let resource = parsed.bytes[split.range(5, count: parsed.bytes.count)]
        guard service.elementsEqual("iam".utf8), resource.elementsEqual("root".utf8) else { return nil }
        return parsed.account
    }

    /// The most favourable way the element names this principal, or nil if it does not.
    package func positiveMatch(_ p: RequestPrincipal) -> GrantKind? {
        if wildcard { return .anyone }
        var best: GrantKind?
        func offer(_ k: GrantKind) { if best == nil || best! < k { best = k } }
        if arns.contains(p.arn) {
            switch p.kind {
            case .user: offer(.user)
            case .assumedRole: offer(.session)
            case .federatedUser: offer(.federatedSession)
            case .role: offer(.role)
            case .root: offer(.account)
            case .service, .other: offer(.service)
            }
        }
        if p.kind == .assumedRole, let role = p.roleArn, arns.contains(role) { offer(.role) }
        if p.kind == .federatedUser, let source = p.sourceUserArn, arns.contains(source) { offer(.federatingUser) }
        if !p.account.isEmpty, accounts.contains(p.account), p.kind != .service { offer(.account) }
        if others.contains(p.arn) { offer(.service) }
        return best
    }

    /// Whether the statement applies to the principal. NotPrincipal with Deny always applies to a principal
    /// that has a permissions boundary, whatever it lists (documented AWS behaviour).
    package func applies(to p: RequestPrincipal, effect: Effect, hasBoundary: Bool) -> GrantKind? {
        guard negated else { return positiveMatch(p) }
        if effect == .deny && hasBoundary { return .anyone }
        return exempts(p) ? nil : .anyone
    }

    /// NotPrincipal exempts only principals listed exactly: naming the account (or its root) exempts the root
    /// user alone, and naming a role does not exempt its sessions (AWS: list the session ARN as well).
    func exempts(_ p: RequestPrincipal) -> Bool {
        if wildcard || arns.contains(p.arn) || others.contains(p.arn) { return true }
        return p.kind == .root && accounts.contains(p.account)
    }
}
