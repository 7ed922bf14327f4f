import CairnCore
import Foundation

/// The resources AWS Organizations' responses describe, member names exactly as botocore's model spells them
/// (hence the PascalCase properties); absent optionals are left out.
extension OrganizationsModel {
    struct PolicyTypeSummary: Encodable, Sendable {
        let `Type`: String
        let Status: String
    }

    struct Organization: Encodable, Sendable {
        let Id, Arn, FeatureSet, MasterAccountArn, MasterAccountId, MasterAccountEmail: String
        let AvailablePolicyTypes: [PolicyTypeSummary]

        init(_ o: OrganizationRecord, partition: String) {
            let arns = o.arns(partition: partition)
            Id = o.id
            Arn = arns.organization
            FeatureSet = o.featureSet
            MasterAccountArn = arns.account(o.managementAccount.value)
            MasterAccountId = o.managementAccount.value
            MasterAccountEmail = o.managementEmail
            // Deprecated in AWS's model; AWS reports SCPs as available in an all-features organization.
            AvailablePolicyTypes = o.allFeatures ? [.init(Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED")] : []
        }
    }

    struct Root: Encodable, Sendable {
        let Id, Arn, Name: String
        let PolicyTypes: [PolicyTypeSummary]

        init(_ o: OrganizationRecord, partition: String) {
            Id = o.rootId
            Arn = o.arns(partition: partition).root(o.rootId)
            Name = "Root"
            // In botocore's enum order, as AWS lists them.
            PolicyTypes = OrganizationPolicyTypes.all.filter(o.enables).map { .init(Type: $0, Status: "ENABLED") }
        }
    }

    struct OrganizationalUnit: Encodable, Sendable {
        let Id, Arn, Name, Path: String

        init(_ u: OrganizationalUnitRecord, in o: OrganizationRecord, partition: String) {
            Id = u.id
            Arn = o.arns(partition: partition).organizationalUnit(u.id)
            Name = u.name
            Path = u.path(in: o)
        }
    }

    struct Account: Encodable, Sendable {
        let Id, Arn, Email, Name, Status, State, JoinedMethod: String
        let Paths: [String]
        let JoinedTimestamp: Date

        init(_ m: MemberAccountRecord, in o: OrganizationRecord, partition: String) {
            Id = m.account.value
            Arn = o.arns(partition: partition).account(m.account.value)
            Email = m.email
            Name = m.name
            // AWS's two fields part ways only for a closed account: Status SUSPENDED, State CLOSED.
            Status = m.status == "CLOSED" ? "SUSPENDED" : m.status
            State = m.status
            JoinedMethod = m.joinedMethod
            Paths = [m.accountPath(in: o)]
            JoinedTimestamp = m.joinedAt
        }
    }

    struct CreateAccountStatus: Encodable, Sendable {
        let Id, AccountName, State: String
        let RequestedTimestamp: Date
        let CompletedTimestamp: Date?
        let AccountId: String?
        let FailureReason: String?

        /// `asRequested` gives the shape CreateAccount itself answers with: the request, still IN_PROGRESS.
        init(_ s: CreateAccountStatusRecord, asRequested: Bool = false) {
            Id = s.id
            AccountName = s.accountName
            State = asRequested ? "IN_PROGRESS" : s.state
            RequestedTimestamp = s.requestedAt
            CompletedTimestamp = asRequested ? nil : s.completedAt
            AccountId = asRequested ? nil : s.accountId?.value
            FailureReason = asRequested ? nil : s.failureReason
        }
    }

    struct HandshakeParty: Encodable, Sendable {
        let Id, `Type`: String
    }

    struct HandshakeResource: Encodable, Sendable {
        let Value, `Type`: String
        let Resources: [HandshakeResource]?
    }

    struct Handshake: Encodable, Sendable {
        let Id, Arn, State, Action: String
        let Parties: [HandshakeParty]
        let RequestedTimestamp, ExpirationTimestamp: Date
        let Resources: [HandshakeResource]

        init(_ h: HandshakeRecord, partition: String) {
            Id = h.id
            Arn = OrganizationARN(partition: partition, organizationId: h.organizationId, managementAccount: h.managementAccount)
                .handshake(h.id, action: h.action)
            State = h.state
            Action = h.action
            RequestedTimestamp = h.requestedAt
            ExpirationTimestamp = h.expiresAt
            // AWS names the organization party by the id without its `o-` prefix.
            let organizationParty = HandshakeParty(Id: String(h.organizationId.dropFirst(2)), Type: "ORGANIZATION")
            switch h.action {
            case "ENABLE_ALL_FEATURES":
                Parties = [organizationParty]
                Resources = [.init(Value: h.organizationId, Type: "ORGANIZATION", Resources: nil)]
            case "APPROVE_ALL_FEATURES":
                Parties = [organizationParty, .init(Id: h.targetAccount.value, Type: "ACCOUNT")]
                Resources = [
                    .init(Value: h.parentHandshakeId ?? "", Type: "PARENT_HANDSHAKE", Resources: nil),
                    .init(Value: h.organizationId, Type: "ORGANIZATION", Resources: nil),
                    .init(Value: h.targetAccount.value, Type: "ACCOUNT", Resources: nil),
                ]
            default:
                Parties = [organizationParty, .init(Id: h.targetValue, Type: h.targetType)]
                var resources: [HandshakeResource] = [
                    .init(
                        Value: h.organizationId, Type: "ORGANIZATION",
                        Resources: [
                            .init(Value: h.managementEmail, Type: "MASTER_EMAIL", Resources: nil),
                            .init(Value: h.managementName, Type: "MASTER_NAME", Resources: nil),
                            .init(Value: h.featureSet, Type: "ORGANIZATION_FEATURE_SET", Resources: nil),
                        ]),
                    .init(Value: h.targetAccount.value, Type: "ACCOUNT", Resources: nil),
                ]
                if let notes = h.notes { resources.append(.init(Value: notes, Type: "NOTES", Resources: nil)) }
                Resources = resources
            }
        }
    }

    struct PolicySummary: Encodable, Sendable {
        let Id, Arn, Name, Description, `Type`: String
        let AwsManaged: Bool

        init(_ p: OrganizationPolicyRecord, in o: OrganizationRecord, partition: String) {
            Id = p.id
            Arn = o.arns(partition: partition).policy(p.id, type: p.type, awsManaged: p.awsManaged)
            Name = p.name
            Description = p.description
            self.Type = p.type
            AwsManaged = p.awsManaged
        }
    }

    struct Policy: Encodable, Sendable {
        let PolicySummary: PolicySummary
        let Content: String
    }

    struct Tag: Codable, Sendable {
        /// Both members are optional so that a missing Key or Value is AWS's INPUT_REQUIRED naming it.
        var Key: String?
        var Value: String?
    }

    struct Parent: Encodable, Sendable { let Id, `Type`: String }
    struct Child: Encodable, Sendable { let Id, `Type`: String }

    struct PolicyTargetSummary: Encodable, Sendable {
        let TargetId, Arn, Name, `Type`: String
    }

    struct EnabledServicePrincipal: Encodable, Sendable {
        let ServicePrincipal: String
        let DateEnabled: Date
    }

    struct DelegatedAdministrator: Encodable, Sendable {
        let Id, Arn, Email, Name, Status, State, JoinedMethod: String
        let JoinedTimestamp, DelegationEnabledDate: Date

        init(_ d: DelegatedAdministratorRecord, in o: OrganizationRecord, partition: String) {
            Id = d.member.account.value
            Arn = o.arns(partition: partition).account(d.member.account.value)
            Email = d.member.email
            Name = d.member.name
            Status = d.member.status
            State = d.member.status
            JoinedMethod = d.member.joinedMethod
            JoinedTimestamp = d.member.joinedAt
            DelegationEnabledDate = d.delegatedAt
        }
    }

    struct DelegatedService: Encodable, Sendable {
        let ServicePrincipal: String
        let DelegationEnabledDate: Date
    }
}
