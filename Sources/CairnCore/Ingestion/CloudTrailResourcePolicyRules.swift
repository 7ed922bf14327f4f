import CairnPolicy

/// What a CloudTrail resource-based policy (PutResourcePolicy) may say, as AWS documents it for each kind of
/// resource: 1–8,192 characters, 1–20 statements, each naming its principals and only the actions that kind
/// takes, on the resource it is attached to.
package enum CloudTrailResourcePolicyRules {
    package static let maximumLength = 8192
    package static let maximumStatements = 20
    package static let maximumPrincipals = 50
    /// CloudTrail itself, which refreshes dashboards on their schedules.
    package static let cloudTrailService = "cloudtrail.amazonaws.com"
    /// The condition key the `externalId` of PutAuditEvents fills, for channel policies that guard a partner's
    /// integration against the confused deputy.
    package static let externalIdKey = "cloudtrail:ExternalId"

    /// The three kinds of resource that carry a policy.
    package enum Kind: Sendable {
        /// Other accounts send events with PutAuditEvents.
        case channel
        /// Other accounts (and CloudTrail, for dashboards) query the store.
        case eventDataStore
        /// CloudTrail refreshes the dashboard on its schedule.
        case dashboard

        /// The actions a statement may name.
        package var actions: Set<String> {
            switch self {
            case .channel: ["cloudtrail-data:PutAuditEvents"]
            case .eventDataStore:
                [
                    "cloudtrail:StartQuery", "cloudtrail:DescribeQuery", "cloudtrail:GetQueryResults", "cloudtrail:CancelQuery",
                    "cloudtrail:ListQueries", "cloudtrail:GenerateQuery", "cloudtrail:GetEventDataStore",
                ]
            case .dashboard: ["cloudtrail:StartDashboardRefresh"]
            }
        }

        /// Whether a statement may name CloudTrail's service principal, and whether AWS principals.
        var takesService: Bool { self != .channel }
        var takesAccounts: Bool { self != .dashboard }
    }

    package static func validate(_ text: String?, resourceArn: String, kind: Kind) throws(ServiceError) -> String {
        guard let text, !text.isEmpty else { throw ServiceError.missingParameter("ResourcePolicy") }
        func invalid(_ why: String) -> ServiceError {
            ServiceError(code: "ResourcePolicyNotValidException", status: 400, message: "The resource policy is not valid: \(why)")
        }
        guard text.count <= maximumLength else { throw invalid("it is longer than \(maximumLength) characters.") }
        let document: PolicyDocument
        do { document = try PolicyDocument.parse(text) } catch { throw invalid("\(error)") }
        guard (1...maximumStatements).contains(document.statements.count) else {
            throw invalid("it must have 1 to \(maximumStatements) statements.")
        }
        for statement in document.statements {
            guard case .principal(let p) = statement.principal, !p.wildcard || !p.aws.isEmpty, p.federated.isEmpty,
                (1...maximumPrincipals).contains(p.aws.count + p.service.count),
                kind.takesAccounts || p.aws.isEmpty, p.service.allSatisfy({ kind.takesService && $0 == cloudTrailService })
            else {
                switch kind {
                case .channel: throw invalid("each statement needs 1 to \(maximumPrincipals) AWS principals.")
                case .eventDataStore:
                    throw invalid("each statement needs 1 to \(maximumPrincipals) principals: AWS principals or \(cloudTrailService).")
                case .dashboard: throw invalid("the principal must be the service \(cloudTrailService).")
                }
            }
            guard case .action(let actions) = statement.action, !actions.isEmpty, actions.allSatisfy(kind.actions.contains) else {
                throw invalid("the actions allowed are \(kind.actions.sorted().joined(separator: ", ")).")
            }
            guard case .resource(let resources) = statement.resource, resources.allSatisfy({ $0 == resourceArn }) else {
                throw invalid("the resource must be the one the policy is attached to, \(resourceArn).")
            }
        }
        return text
    }

    /// Whether `policy` lets CloudTrail itself (the service principal) call `action` on `resource` of `account`,
    /// as it does when it refreshes a dashboard on its schedule; `sourceArn` is the dashboard, for the
    /// `aws:SourceArn` and `aws:SourceAccount` conditions AWS's examples write against the confused deputy.
    package static func allowsCloudTrail(
        _ action: String, on resource: String, account: String, policy: String?, sourceArn: String
    ) -> Bool {
        guard let policy, let document = try? PolicyDocument.parse(policy) else { return false }
        let request = AuthorizationRequest(
            principal: RequestPrincipal(arn: cloudTrailService), action: action, resource: resource, resourceAccount: account,
            context: ["aws:SourceArn": .single(sourceArn), "aws:SourceAccount": .single(account)])
        return PolicyEvaluator.evaluate(request, PolicyBundle(resource: [document])).decision == .allow
    }
}
