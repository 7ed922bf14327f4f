/// Organizations' policy types as the wire names them, and what each one is to Cairn: SCPs and RCPs are
/// evaluated on every call (authorization policies); the rest are management policies, merged down the tree
/// into an account's effective policy for the service that reads it.
package enum OrganizationPolicyTypes {
    package static let serviceControl = "SERVICE_CONTROL_POLICY"
    package static let resourceControl = "RESOURCE_CONTROL_POLICY"
    package static let tag = "TAG_POLICY"

    /// botocore's PolicyType enum, in its order.
    package static let all = [
        serviceControl, resourceControl, tag, "BACKUP_POLICY", "AISERVICES_OPT_OUT_POLICY", "CHATBOT_POLICY", "DECLARATIVE_POLICY_EC2",
        "SECURITYHUB_POLICY", "INSPECTOR_POLICY", "UPGRADE_ROLLOUT_POLICY", "BEDROCK_POLICY", "S3_POLICY", "NETWORK_SECURITY_DIRECTOR_POLICY",
    ]

    package static func isAuthorization(_ type: String) -> Bool { type == serviceControl || type == resourceControl }

    /// The AWS-managed policy attached everywhere while an authorization type is enabled; it keeps every target
    /// at its minimum of one policy of the type.
    package static func defaultPolicy(for type: String) -> String? {
        switch type {
        case serviceControl: OrganizationPolicyRecord.fullAWSAccessId
        case resourceControl: OrganizationPolicyRecord.rcpFullAWSAccessId
        default: nil
        }
    }

    /// Characters a document may have (every character counts, whitespace too): 5,120 for SCPs and RCPs, 10,000
    /// for the management types (Organizations quotas page; docs/behaviour.md).
    package static func maximumCharacters(_ type: String) -> Int { isAuthorization(type) ? 5_120 : 10_000 }

    /// Policies of one type attached directly to one root, OU or account: five SCPs or RCPs, ten of the others.
    package static func maximumPerTarget(_ type: String) -> Int { isAuthorization(type) ? 5 : 10 }
}
