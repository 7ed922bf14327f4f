/// Where a document is stored decides how large it may be (IAM quotas page, Organizations quotas page).
///
/// IAM counts characters excluding whitespace; Organizations counts every character of the SCP, which is why
/// the console minifies SCPs. A role's trust policy defaults to 2,048 and can be raised to 4,096 by quota.
package enum PolicySizeLimit: String, Sendable, Hashable, Codable, CaseIterable {
    case managedPolicy
    case inlineUser
    case inlineRole
    case inlineGroup
    case serviceControlPolicy
    case resourceControlPolicy
    case trustPolicy
    case sessionPolicy

    package var maximumCharacters: Int {
        switch self {
        case .managedPolicy: 6_144
        case .inlineUser: 2_048
        case .inlineRole: 10_240
        case .inlineGroup: 5_120
        case .serviceControlPolicy, .resourceControlPolicy: 5_120
        case .trustPolicy: 2_048
        case .sessionPolicy: 2_048
        }
    }

    package var countsWhitespace: Bool { self == .serviceControlPolicy || self == .resourceControlPolicy || self == .sessionPolicy }

    /// The storage a document of this type most commonly lives in, for linting without further information.
    package static func defaultLimit(for type: PolicyType) -> PolicySizeLimit? {
        switch type {
        case .identity, .permissionsBoundary: .managedPolicy
        case .scp: .serviceControlPolicy
        case .rcp: .resourceControlPolicy
        case .trust: .trustPolicy
        case .session: .sessionPolicy
        case .resource: nil
        }
    }

    package func measure(_ text: String) -> Int {
        if countsWhitespace { return text.count }
        var n = 0
        for ch in text where !ch.isWhitespace { n += 1 }
        return n
    }
}
