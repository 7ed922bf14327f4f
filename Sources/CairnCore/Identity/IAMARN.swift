/// The ARNs of IAM identities and STS sessions, built in one place: `arn:P:iam::A:root`,
/// `arn:P:iam::A:user/PATH/NAME` (and `group/`, `role/`), and `arn:P:sts::A:assumed-role/ROLE/SESSION`.
/// Paths start and end with `/`; `/` alone is the default path.
package struct IAMARN: Sendable, Hashable, CustomStringConvertible {
    package enum Kind: String, Sendable, Hashable {
        case user, group, role, policy, mfa
    }

    package let description: String

    private init(_ text: String) { description = text }

    package static func root(partition: String, account: AccountId) -> IAMARN {
        IAMARN("arn:\(partition):iam::\(account.value):root")
    }

    package static func entity(_ kind: Kind, partition: String, account: AccountId, path: String = "/", name: String) -> IAMARN {
        IAMARN("arn:\(partition):iam::\(account.value):\(kind.rawValue)\(path)\(name)")
    }

    /// The ARN naming every entity of a kind under a path prefix (ListUsers' resource: `user/` or `user/PREFIX`).
    package static func collection(_ kind: Kind, partition: String, account: AccountId, pathPrefix: String = "/") -> IAMARN {
        IAMARN("arn:\(partition):iam::\(account.value):\(kind.rawValue)\(pathPrefix)")
    }

    package static func assumedRole(partition: String, account: AccountId, role: String, session: String) -> IAMARN {
        IAMARN("arn:\(partition):sts::\(account.value):assumed-role/\(role)/\(session)")
    }
}
