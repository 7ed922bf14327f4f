import CairnCore
import CairnPolicy

/// The policy simulator's shapes (botocore's iam model: SimulatePrincipalPolicy, SimulateCustomPolicy,
/// GetContextKeysFor*Policy). Members as sent, checked by the operations in IAM's words.
extension IAMModel {
    struct ContextEntry: Codable, Sendable {
        var ContextKeyName: String?
        var ContextKeyValues: [String]?
        var ContextKeyType: String?
    }

    /// Both simulations; SimulateCustomPolicy has no PolicySourceArn.
    struct SimulatePolicyInput: OperationInput, Codable {
        var PolicySourceArn: String?
        var PolicyInputList: [String]?
        var PermissionsBoundaryPolicyInputList: [String]?
        var ActionNames: [String]?
        var ResourceArns: [String]?
        var ResourcePolicy: String?
        var ResourceOwner: String?
        var CallerArn: String?
        var ContextEntries: [ContextEntry]?
        var ResourceHandlingOption: String?
        var MaxItems: Int?
        var Marker: String?
    }

    struct ContextKeysInput: OperationInput, Codable {
        var PolicySourceArn: String?
        var PolicyInputList: [String]?
    }

    struct ContextKeysOutput: OperationOutput, Encodable {
        var ContextKeyNames: [String]
    }

    struct Position: Encodable, Sendable {
        var Line: Int
        var Column: Int

        init?(_ p: StatementSpans.Position?) {
            guard let p else { return nil }
            Line = p.line
            Column = p.column
        }
    }

    struct MatchedStatement: Encodable, Sendable {
        var SourcePolicyId: String
        var SourcePolicyType: String
        var StartPosition: Position?
        var EndPosition: Position?

        init(_ m: IAMSimulation.MatchedStatement) {
            SourcePolicyId = m.sourcePolicyId
            SourcePolicyType = m.sourcePolicyType
            StartPosition = Position(m.start)
            EndPosition = Position(m.end)
        }
    }

    struct OrganizationsDecisionDetail: Encodable, Sendable {
        var AllowedByOrganizations: Bool
    }

    struct PermissionsBoundaryDecisionDetail: Encodable, Sendable {
        var AllowedByPermissionsBoundary: Bool
    }

    struct ResourceSpecificResult: Encodable, Sendable {
        var EvalResourceName: String
        var EvalResourceDecision: String
        var MatchedStatements: [MatchedStatement]
        var MissingContextValues: [String]
        var EvalDecisionDetails: [String: String]?
        var PermissionsBoundaryDecisionDetail: PermissionsBoundaryDecisionDetail?

        init(_ r: IAMSimulation.ResourceResult) {
            EvalResourceName = r.resource
            EvalResourceDecision = r.decision.rawValue
            MatchedStatements = r.matched.map(MatchedStatement.init)
            MissingContextValues = r.missingContextValues
            EvalDecisionDetails = r.decisionDetails
            PermissionsBoundaryDecisionDetail = r.allowedByPermissionsBoundary.map { .init(AllowedByPermissionsBoundary: $0) }
        }
    }

    struct EvaluationResult: Encodable, Sendable {
        var EvalActionName: String
        var EvalResourceName: String
        var EvalDecision: String
        var MatchedStatements: [MatchedStatement]
        var MissingContextValues: [String]
        var OrganizationsDecisionDetail: OrganizationsDecisionDetail?
        var PermissionsBoundaryDecisionDetail: PermissionsBoundaryDecisionDetail?
        var EvalDecisionDetails: [String: String]?
        var ResourceSpecificResults: [ResourceSpecificResult]?

        init(_ r: IAMSimulation.Result) {
            EvalActionName = r.action
            EvalResourceName = r.resource
            EvalDecision = r.decision.rawValue
            MatchedStatements = r.matched.map(MatchedStatement.init)
            MissingContextValues = r.missingContextValues
            OrganizationsDecisionDetail = r.allowedByOrganizations.map { .init(AllowedByOrganizations: $0) }
            PermissionsBoundaryDecisionDetail = r.allowedByPermissionsBoundary.map { .init(AllowedByPermissionsBoundary: $0) }
            EvalDecisionDetails = r.decisionDetails
            ResourceSpecificResults = r.resourceSpecific?.map(ResourceSpecificResult.init)
        }
    }

    struct SimulatePolicyOutput: OperationOutput, Encodable {
        var EvaluationResults: [EvaluationResult]
        var IsTruncated: Bool
        var Marker: String?
    }
}
