/// One catalogue entry: everything the pipeline needs to authenticate, authorize and audit a call without
/// knowing which front door it came through.
package struct CatalogueOperation: Sendable, Hashable, CustomStringConvertible {
    package let service: Service
    /// The API name, as AWS's model spells it (CreateTrail) — also the event's eventName.
    package let name: String
    package let readOnly: Bool
    /// The record's readOnly: the same as `readOnly` but where AWS records a call otherwise. AWS records STS's
    /// AssumeRole as read-only (it changes no resource of the account); Cairn stores the session it makes, so it
    /// runs as a write but is recorded as AWS records it.
    package let recordedReadOnly: Bool
    /// What the IAM action applies to; the authorizer turns it into resource ARNs.
    package let resource: ResourceScope
    /// Operations only the operator account's principals can ever be allowed.
    package let operatorOnly: Bool
    /// Calls that need no permission (sts:GetCallerIdentity answers even with an explicit deny).
    package let alwaysAllowed: Bool
    /// The REST operationId(s) in openapi.yaml that decode into this operation.
    package let restOperationIds: [String]
    /// Whether the service's AWS protocol (JSON 1.1 or Query) carries this operation; false for Cairn's
    /// REST-only renderings of an AWS action, such as policy simulation with Cairn's own request shape.
    package let onAWSFrontDoor: Bool
    /// Calls AWS serves without a signature (botocore's `authtype: none`): the operation itself establishes who
    /// the caller is, from what the request carries.
    package let unsigned: Bool

    package init(
        _ service: Service, _ name: String, readOnly: Bool, resource: ResourceScope = .any,
        operatorOnly: Bool = false, alwaysAllowed: Bool = false, rest: [String] = [], awsFrontDoor: Bool? = nil,
        recordedReadOnly: Bool? = nil, unsigned: Bool = false
    ) {
        self.service = service
        self.name = name
        self.readOnly = readOnly
        self.recordedReadOnly = recordedReadOnly ?? readOnly
        self.resource = resource
        self.operatorOnly = operatorOnly
        self.alwaysAllowed = alwaysAllowed
        self.restOperationIds = rest
        self.onAWSFrontDoor = awsFrontDoor ?? (service.wireProtocol != .restOnly)
        self.unsigned = unsigned
    }

    /// The IAM action, e.g. `cloudtrail:CreateTrail`.
    package var action: String { "\(service.actionPrefix):\(name)" }
    package var eventCategory: String { "Management" }

    package var description: String { action }

    package static func == (a: CatalogueOperation, b: CatalogueOperation) -> Bool { a.service == b.service && a.name == b.name }
    package func hash(into h: inout Hasher) {
        h.combine(service)
        h.combine(name)
    }
}

/// How an operation's resource ARN is formed.
package enum ResourceScope: Sendable, Hashable {
    /// Actions without a resource type: only `Resource: "*"` (or NotResource) matches them.
    case any
    /// The caller's own account (`arn:aws:iam::ACCOUNT:root`).
    case account
    /// A trail, named by the request.
    case trail
    /// The caller's organization.
    case organization
}
