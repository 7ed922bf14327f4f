package import CairnCore
import Foundation
import PostgresNIO

extension Transaction {
    package var iamPolicies: IAMManagedPolicyRepository { IAMManagedPolicyRepository(tx: self) }
}

/// Which managed policies ListPolicies returns.
package struct ManagedPolicyFilter: Sendable, Equatable {
    package enum Scope: String, Sendable { case all = "All", aws = "AWS", local = "Local" }
    package enum Usage: String, Sendable { case permissionsPolicy = "PermissionsPolicy", permissionsBoundary = "PermissionsBoundary" }

    package var scope: Scope = .all
    package var onlyAttached = false
    package var pathPrefix = "/"
    package var usage: Usage?

    package init(scope: Scope = .all, onlyAttached: Bool = false, pathPrefix: String = "/", usage: Usage? = nil) {
        self.scope = scope
        self.onlyAttached = onlyAttached
        self.pathPrefix = pathPrefix
        self.usage = usage
    }
}

/// Managed policies: an account's own (customer-managed) and the AWS-managed ones every account sees, with
/// their versions. A policy is only ever seen through an account, which decides its attachment counts.
/// Changes that check a policy's dependents lock its row FOR UPDATE; attachments lock it FOR SHARE, so the
/// two are serialized without serializing attachments with each other.
package struct IAMManagedPolicyRepository: Sendable {
    let tx: Transaction

    /// IAM's quota of versions per managed policy.
    package static let maximumVersions = 5

    @discardableResult
    package func create(
        account: AccountId, name: String, path: String, description: String?, document: String, tags: [IAMTag]
    ) async throws -> ManagedPolicyRecord {
        var g = SystemRandomNumberGenerator()
        let policyId = IAMIdentifier.new(.policy, using: &g)
        let arn = IAMPolicyARN(partition: tx.partition, owner: account.value, path: path, name: name).description
        do {
            try await tx.query(
                """
                INSERT INTO iam_managed_policies (arn, policy_id, account_id, name, path, description, tags)
                VALUES (\(arn), \(policyId), \(account.value), \(name), \(path), \(description), \(IAMTagColumn.encode(tags))::jsonb)
                """)
        } catch  where PostgresFailure(error).isUniqueViolation {
            throw ServiceError.entityAlreadyExists("A policy called \(name) already exists. Duplicate names are not allowed.")
        }
        try await tx.query("INSERT INTO iam_policy_versions (policy_arn, version_id, document) VALUES (\(arn), 'v1', \(document))")
        return try await require(arn, seenBy: account)
    }

    /// The policy as `account` sees it, when it may see it: its own, or an AWS-managed one.
    package func find(_ arn: String, seenBy account: AccountId, lock: RowLock = .none) async throws -> ManagedPolicyRecord? {
        if lock != .none {
            try await tx.lockRows(
                """
                SELECT 1 FROM iam_managed_policies WHERE arn = \(arn) AND (account_id = \(account.value) OR account_id IS NULL)
                \(unescaped: lock.clause)
                """)
        }
        return try await decode(
            "\(unescaped: Self.select) FROM cairn_iam_policies_seen_by(\(account.value)) WHERE arn = \(arn)"
        ).first
    }

    package enum RowLock: Sendable {
        case none, share, update
        var clause: String {
            switch self {
            case .none: ""
            case .share: "FOR SHARE"
            case .update: "FOR UPDATE"
            }
        }
    }

    /// The policy, or IAM's NoSuchEntity ("Policy ARN was not found.").
    package func require(_ arn: String, seenBy account: AccountId, lock: RowLock = .none) async throws -> ManagedPolicyRecord {
        guard let policy = try await find(arn, seenBy: account, lock: lock) else {
            throw ServiceError.noSuchEntity("Policy \(arn) was not found.")
        }
        return policy
    }

    package func list(account: AccountId, filter: ManagedPolicyFilter, page: IAMListPage) async throws -> IAMPageOf<ManagedPolicyRecord> {
        let scope: String
        switch filter.scope {
        case .all: scope = "TRUE"
        case .aws: scope = "account_id IS NULL"
        case .local: scope = "account_id IS NOT NULL"
        }
        var used = "TRUE"
        switch (filter.onlyAttached, filter.usage) {
        case (true, nil): used = "(attachments > 0 OR boundaries > 0)"
        case (true, .permissionsPolicy?): used = "attachments > 0"
        case (true, .permissionsBoundary?): used = "boundaries > 0"
        case (false, _): break
        }
        let rows = try await decode(
            """
            \(unescaped: Self.select) FROM cairn_iam_policies_seen_by(\(account.value))
            WHERE \(unescaped: scope) AND \(unescaped: used) AND starts_with(path, \(filter.pathPrefix))
              AND (\(page.after)::text IS NULL OR arn COLLATE "C" > \(page.after))
            ORDER BY arn COLLATE "C" LIMIT \(page.maxItems + 1)
            """)
        return IAMPageOf(fetched: rows, page: page) { $0.arn }
    }

    // MARK: Versions

    package func versions(of arn: String) async throws -> [PolicyVersionRecord] {
        var out: [PolicyVersionRecord] = []
        let rows = try await tx.query(
            """
            SELECT v.version_id, v.document, v.version_id = p.default_version, v.created_at
            FROM iam_policy_versions v JOIN iam_managed_policies p ON p.arn = v.policy_arn
            WHERE v.policy_arn = \(arn)
            ORDER BY substring(v.version_id FROM 2)::int DESC
            """)
        for try await (id, doc, isDefault, created) in rows.decode((String, String, Bool, Date).self) {
            out.append(PolicyVersionRecord(versionId: id, document: doc, isDefault: isDefault, createdAt: created))
        }
        return out
    }

    package func version(of arn: String, id: String) async throws -> PolicyVersionRecord? {
        try await versions(of: arn).first { $0.versionId == id }
    }

    /// Adds a version (the next number), making it the default when asked; a sixth is IAM's LimitExceeded.
    /// The caller holds the policy's row lock (FOR UPDATE).
    package func createVersion(of policy: ManagedPolicyRecord, document: String, setAsDefault: Bool) async throws -> PolicyVersionRecord {
        let existing = try await versions(of: policy.arn)
        guard existing.count < Self.maximumVersions else {
            throw ServiceError.limitExceeded(
                "A managed policy can have up to \(Self.maximumVersions) versions. Before you create a new version, you must delete an existing version."
            )
        }
        var next = 0
        for try await n in try await tx.query(
            "UPDATE iam_managed_policies SET next_version = next_version + 1, updated_at = now() WHERE arn = \(policy.arn) RETURNING next_version - 1"
        ).decode(Int.self) { next = n }
        let versionId = "v\(next)"
        try await tx.query("INSERT INTO iam_policy_versions (policy_arn, version_id, document) VALUES (\(policy.arn), \(versionId), \(document))")
        if setAsDefault { try await setDefault(policy.arn, versionId: versionId) }
        guard let created = try await version(of: policy.arn, id: versionId) else { throw ServiceError.internalFailure }
        return created
    }

    /// Makes an existing version the default (the trigger on default_version tells every account using it).
    package func setTags(_ arn: String, _ tags: [IAMTag]) async throws {
        try await tx.query("UPDATE iam_managed_policies SET tags = \(IAMTagColumn.encode(tags))::jsonb WHERE arn = \(arn)")
    }

    package func setDefault(_ arn: String, versionId: String) async throws {
        guard try await version(of: arn, id: versionId) != nil else {
            throw ServiceError.noSuchEntity("Policy \(arn) version \(versionId) does not exist.")
        }
        try await tx.query("UPDATE iam_managed_policies SET default_version = \(versionId) WHERE arn = \(arn)")
    }

    package func deleteVersion(_ arn: String, versionId: String) async throws {
        guard let v = try await version(of: arn, id: versionId) else {
            throw ServiceError.noSuchEntity("Policy \(arn) version \(versionId) does not exist.")
        }
        if v.isDefault { throw ServiceError.deleteConflict("Cannot delete the default version of a policy.") }
        try await tx.query("DELETE FROM iam_policy_versions WHERE policy_arn = \(arn) AND version_id = \(versionId)")
    }

    /// Deletes a customer-managed policy that nothing uses and that has only its default version left, as IAM
    /// requires. The caller holds the policy's row lock (FOR UPDATE).
    package func delete(_ policy: ManagedPolicyRecord) async throws {
        if policy.attachmentCount > 0 || policy.permissionsBoundaryUsageCount > 0 {
            throw ServiceError.deleteConflict("Cannot delete a policy attached to entities.")
        }
        if try await versions(of: policy.arn).count > 1 {
            throw ServiceError.deleteConflict(
                "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy."
            )
        }
        try await tx.query("DELETE FROM iam_policy_versions WHERE policy_arn = \(policy.arn)")
        try await tx.query("DELETE FROM iam_managed_policies WHERE arn = \(policy.arn)")
    }

    // MARK: Attachments

    /// Attaches a policy; attaching it again changes nothing. More than 10 per entity is IAM's LimitExceeded.
    /// The caller holds the entity's row lock and the policy's FOR SHARE lock.
    package func attach(_ policy: ManagedPolicyRecord, to kind: IAMEntityKind, id: String, account: AccountId) async throws {
        let attached = try await attachedPolicies(kind: kind, id: id)
        if attached.contains(where: { $0.policyArn == policy.arn }) { return }
        guard attached.count < 10 else { throw ServiceError.limitExceeded("Cannot exceed quota for \(kind.attachedPolicyQuotaName): 10") }
        try await tx.query(
            """
            INSERT INTO iam_policy_attachments (policy_arn, account_id, principal_kind, principal_id)
            VALUES (\(policy.arn), \(account.value), \(kind.rawValue), \(id)) ON CONFLICT DO NOTHING
            """)
    }

    /// False when the policy was not attached.
    package func detach(_ arn: String, from kind: IAMEntityKind, id: String) async throws -> Bool {
        var removed = false
        let rows = try await tx.query(
            """
            DELETE FROM iam_policy_attachments WHERE policy_arn = \(arn) AND principal_kind = \(kind.rawValue) AND principal_id = \(id)
            RETURNING 1
            """)
        for try await _ in rows.decode(Int.self) { removed = true }
        return removed
    }

    /// The managed policies attached to an entity, by ARN.
    package func attachedPolicies(kind: IAMEntityKind, id: String, pathPrefix: String = "/") async throws -> [AttachedPolicyRecord] {
        var out: [AttachedPolicyRecord] = []
        let rows = try await tx.query(
            """
            SELECT p.name, p.arn FROM iam_policy_attachments a JOIN iam_managed_policies p ON p.arn = a.policy_arn
            WHERE a.principal_kind = \(kind.rawValue) AND a.principal_id = \(id) AND starts_with(p.path, \(pathPrefix))
            ORDER BY p.arn COLLATE "C"
            """)
        for try await (name, arn) in rows.decode((String, String).self) { out.append(AttachedPolicyRecord(policyName: name, policyArn: arn)) }
        return out
    }

    // MARK: Reading

    private static let select = """
        SELECT arn, policy_id, account_id, name, path, description, default_version, attachments, boundaries, tags,
               created_at, updated_at
        """

    private func decode(_ q: PostgresQuery) async throws -> [ManagedPolicyRecord] {
        var out: [ManagedPolicyRecord] = []
        for try await (arn, id, acct, name, path, desc, version, attachments, boundaries, tags, created, updated) in try await tx.query(q).decode(
            (String, String, String?, String, String, String?, String, Int, Int, String, Date, Date).self)
        {
            out.append(
                ManagedPolicyRecord(
                    arn: arn, policyId: id, account: acct.flatMap(AccountId.init), name: name, path: path, description: desc,
                    defaultVersionId: version, attachmentCount: attachments, permissionsBoundaryUsageCount: boundaries,
                    tags: IAMTagColumn.decode(tags), createdAt: created, updatedAt: updated))
        }
        return out
    }
}
