import CairnCore
import Foundation

/// Organizations' shapes in REST's names.
extension RESTService {
    static func organization(_ o: OrganizationsModel.Organization) -> Components.Schemas.OrganizationDetails {
        .init(
            id: o.Id, arn: o.Arn, featureSet: o.FeatureSet, masterAccountArn: o.MasterAccountArn, masterAccountId: o.MasterAccountId,
            masterAccountEmail: o.MasterAccountEmail, availablePolicyTypes: o.AvailablePolicyTypes.map { .init(_type: $0.Type, status: $0.Status) })
    }

    static func root(_ r: OrganizationsModel.Root) -> Components.Schemas.OrganizationRoot {
        .init(id: r.Id, arn: r.Arn, name: r.Name, policyTypes: r.PolicyTypes.map { .init(_type: $0.Type, status: $0.Status) })
    }

    static func organizationalUnit(_ u: OrganizationsModel.OrganizationalUnit) -> Components.Schemas.OrganizationalUnit {
        .init(id: u.Id, arn: u.Arn, name: u.Name, path: u.Path)
    }

    static func member(_ a: OrganizationsModel.Account) -> Components.Schemas.OrganizationMember {
        .init(
            id: a.Id, arn: a.Arn, email: a.Email, name: a.Name, status: a.Status, state: a.State, joinedMethod: a.JoinedMethod,
            joinedTimestamp: a.JoinedTimestamp, paths: a.Paths)
    }

    static func createAccountStatus(_ s: OrganizationsModel.CreateAccountStatus) -> Components.Schemas.CreateAccountStatus {
        .init(
            id: s.Id, accountName: s.AccountName, state: s.State, requestedTimestamp: s.RequestedTimestamp, completedTimestamp: s.CompletedTimestamp,
            accountId: s.AccountId, failureReason: s.FailureReason)
    }

    static func handshake(_ h: OrganizationsModel.Handshake) -> Components.Schemas.Handshake {
        .init(
            id: h.Id, arn: h.Arn, state: h.State, action: h.Action, parties: h.Parties.map { .init(id: $0.Id, _type: $0.Type) },
            requestedTimestamp: h.RequestedTimestamp, expirationTimestamp: h.ExpirationTimestamp, resources: h.Resources.map(handshakeResource))
    }

    private static func handshakeResource(_ r: OrganizationsModel.HandshakeResource) -> Components.Schemas.HandshakeResource {
        .init(value: r.Value, _type: r.Type, resources: r.Resources?.map(handshakeResource))
    }

    static func policySummary(_ p: OrganizationsModel.PolicySummary) -> Components.Schemas.OrganizationPolicySummary {
        .init(id: p.Id, arn: p.Arn, name: p.Name, description: p.Description, _type: p.Type, awsManaged: p.AwsManaged)
    }

    static func policy(_ p: OrganizationsModel.Policy) -> Components.Schemas.OrganizationPolicy {
        .init(policySummary: policySummary(p.PolicySummary), content: p.Content)
    }

    static func tag(_ t: Components.Schemas.OrganizationTag) -> OrganizationsModel.Tag { .init(Key: t.key, Value: t.value) }
}
