import CairnCore
import Foundation
import OpenAPIRuntime

/// A managed policy's versions over REST, the policy named by `policyArn` in the query (ARNs have slashes), documents
/// as plain JSON text.
extension RESTService {
    func listIamPolicyVersions(_ input: Operations.ListIamPolicyVersions.Input) async throws -> Operations.ListIamPolicyVersions.Output {
        let page = try await run(IAMOps.listPolicyVersions) {
            IAMModel.PolicyArnPageInput(PolicyArn: input.query.policyArn, Marker: input.query.nextToken, MaxItems: input.query.limit)
        }
        return .ok(.init(body: .json(.init(versions: page.Versions.map(Self.policyVersion), nextToken: page.Marker))))
    }

    func createIamPolicyVersion(_ input: Operations.CreateIamPolicyVersion.Input) async throws -> Operations.CreateIamPolicyVersion.Output {
        let created = try await run(IAMOps.createPolicyVersion) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.CreatePolicyVersionInput(PolicyArn: input.query.policyArn, PolicyDocument: b.policyDocument, SetAsDefault: b.setAsDefault)
        }
        return .created(.init(body: .json(Self.policyVersion(created.PolicyVersion))))
    }

    func getIamPolicyVersion(_ input: Operations.GetIamPolicyVersion.Input) async throws -> Operations.GetIamPolicyVersion.Output {
        let found = try await run(IAMOps.getPolicyVersion) {
            IAMModel.PolicyVersionInput(PolicyArn: input.query.policyArn, VersionId: input.path.versionId)
        }
        return .ok(.init(body: .json(Self.policyVersion(found.PolicyVersion))))
    }

    func deleteIamPolicyVersion(_ input: Operations.DeleteIamPolicyVersion.Input) async throws -> Operations.DeleteIamPolicyVersion.Output {
        _ = try await run(IAMOps.deletePolicyVersion) {
            IAMModel.PolicyVersionInput(PolicyArn: input.query.policyArn, VersionId: input.path.versionId)
        }
        return .noContent(.init())
    }

    func setIamDefaultPolicyVersion(
        _ input: Operations.SetIamDefaultPolicyVersion.Input
    ) async throws -> Operations.SetIamDefaultPolicyVersion.Output {
        _ = try await run(IAMOps.setDefaultPolicyVersion) {
            guard case .json(let b) = input.body else { throw ServiceError.serialization("expected application/json") }
            return IAMModel.PolicyVersionInput(PolicyArn: input.query.policyArn, VersionId: b.versionId)
        }
        return .noContent(.init())
    }

    static func policyVersion(_ v: IAMModel.PolicyVersion) -> Components.Schemas.IamPolicyVersion {
        .init(versionId: v.VersionId, isDefaultVersion: v.IsDefaultVersion, createDate: v.CreateDate, document: v.Document.map(document))
    }
}
