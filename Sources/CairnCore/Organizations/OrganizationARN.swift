/// The ARNs AWS Organizations gives its resources. All live in the management account's namespace, and all
/// but the organization's own name the organization.
package struct OrganizationARN: Sendable {
    package let partition: String
    package let organizationId: String
    package let managementAccount: AccountId

    package init(partition: String, organizationId: String, managementAccount: AccountId) {
        self.partition = partition
        self.organizationId = organizationId
        self.managementAccount = managementAccount
    }

    private var prefix: String { "arn:\(partition):organizations::\(managementAccount.value)" }

    package var organization: String { "\(prefix):organization/\(organizationId)" }
    package func root(_ id: String) -> String { "\(prefix):root/\(organizationId)/\(id)" }
    package func organizationalUnit(_ id: String) -> String { "\(prefix):ou/\(organizationId)/\(id)" }
    package func account(_ id: String) -> String { "\(prefix):account/\(organizationId)/\(id)" }
    /// The action is part of the path in lower case: `invite`, `enable_all_features`, `approve_all_features`.
    package func handshake(_ id: String, action: String = "INVITE") -> String {
        "\(prefix):handshake/\(organizationId)/\(action.lowercased())/\(id)"
    }

    /// The organization's delegation policy (PutResourcePolicy).
    package func resourcePolicy(_ id: String) -> String { "\(prefix):resourcepolicy/\(organizationId)/\(id)" }

    /// AWS-managed policies live in the `aws` namespace, not the organization's; the type is part of the path
    /// in lower case (`resource_control_policy`, `tag_policy`).
    package func policy(_ id: String, type: String, awsManaged: Bool) -> String {
        let kind = type.lowercased()
        return awsManaged
            ? "arn:\(partition):organizations::aws:policy/\(kind)/\(id)"
            : "\(prefix):policy/\(organizationId)/\(kind)/\(id)"
    }

    /// A target's ARN by the shape of its id.
    package func target(_ id: String) -> String {
        if OrganizationIdentifiers.isRoot(id) { return root(id) }
        if OrganizationIdentifiers.isOrganizationalUnit(id) { return organizationalUnit(id) }
        return account(id)
    }
}
