package import CairnCore
package import Foundation

/// A stored IAM user.
package struct IAMUserRecord: Sendable, Equatable {
    package let userId: String
    package let account: AccountId
    package let name: String
    package let path: String
    package let arn: String
    package let permissionsBoundaryArn: String?
    package let tags: [IAMTag]
    package let createdAt: Date
}

/// A stored IAM group.
package struct IAMGroupRecord: Sendable, Equatable {
    package let groupId: String
    package let account: AccountId
    package let name: String
    package let path: String
    package let arn: String
    package let createdAt: Date
}

/// A managed policy as one account sees it: AWS-managed policies are shared, so their attachment counts are
/// the viewing account's own.
package struct ManagedPolicyRecord: Sendable, Equatable {
    package let arn: String
    package let policyId: String
    /// nil for AWS-managed policies.
    package let account: AccountId?
    package let name: String
    package let path: String
    package let description: String?
    package let defaultVersionId: String
    package let attachmentCount: Int
    package let permissionsBoundaryUsageCount: Int
    package let tags: [IAMTag]
    package let createdAt: Date
    package let updatedAt: Date
}

/// One version of a managed policy.
package struct PolicyVersionRecord: Sendable, Equatable {
    package let versionId: String
    package let document: String
    package let isDefault: Bool
    package let createdAt: Date
}

/// A managed policy attached to a user, group or role.
package struct AttachedPolicyRecord: Sendable, Equatable {
    package let policyName: String
    package let policyArn: String
}

/// An access key's metadata; the secret is never read back.
package struct AccessKeyMetadataRecord: Sendable, Equatable {
    package let accessKeyId: String
    /// nil for the root user's keys.
    package let userName: String?
    package let status: String
    package let createdAt: Date
}

/// A new access key: the only time its secret leaves the store.
package struct NewAccessKey: Sendable, Equatable {
    package let metadata: AccessKeyMetadataRecord
    package let secret: String
}
