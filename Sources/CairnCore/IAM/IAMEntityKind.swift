/// The IAM identities policies are attached to; the raw value is the `principal_kind` column's spelling.
package enum IAMEntityKind: String, Sendable, Hashable, CaseIterable {
    case user
    case group
    case role

    /// How IAM names the kind in messages ("The user with name …", "The role policy with name …").
    package var word: String { rawValue }

    /// The kind's quota of attached managed policies (IAM quotas: 10 per user, group and role by default).
    package var attachedPolicyQuotaName: String {
        switch self {
        case .user: "PoliciesPerUser"
        case .group: "PoliciesPerGroup"
        case .role: "PoliciesPerRole"
        }
    }

    package func notFound(_ name: String) -> ServiceError {
        .noSuchEntity("The \(word) with name \(name) cannot be found.")
    }

    package func alreadyExists(_ name: String) -> ServiceError {
        .entityAlreadyExists("\(word.prefix(1).uppercased())\(word.dropFirst()) with name \(name) already exists.")
    }

    package func inlinePolicyNotFound(_ policyName: String) -> ServiceError {
        .noSuchEntity("The \(word) policy with name \(policyName) cannot be found.")
    }
}
