import CairnCore
import CairnPolicy
import CairnStore
import Foundation
import Logging

/// STS over the Query protocol.
struct STSHandlers: Sendable {
    let runner: OperationRunner

    var all: [AWSHandler] {
        [
            AWSHandler(operation: OperationCatalogue.getCallerIdentity) { _ in
                let who = try await runner.run(OperationCatalogue.getCallerIdentity) { _, facts in
                    .init(facts.principal)
                }
                return .query([.text("Arn", who.arn), .text("UserId", who.principalId), .text("Account", who.account.value)])
            },
            AWSHandler(operation: OperationCatalogue.assumeRole) { call in try await assumeRole(call) },
        ]
    }

    /// Validates, then authorizes against the role's trust policy (the resource policy of sts:AssumeRole)
    /// and the caller's own policies, then issues temporary credentials.
    func assumeRole(_ call: AWSCall) async throws -> AWSReply {
        guard case .object(let object) = call.parameters else { throw ServiceError.serialization("expected form fields") }
        let fields = object.compactMapValues(\.stringValue)
        let input = try AssumeRoleInput(fields: fields)
        guard let scope = RequestScope.current else { throw ServiceError.internalFailure }
        if scope.principal.type == .root {
            throw ServiceError(code: "AccessDeniedException", status: 403, message: "Roles may not be assumed by root accounts.")
        }
        if let p = input.policy {
            let issues = PolicyLint.lint(text: p, type: .session).filter { $0.severity == .error }
            if let first = issues.first { throw ServiceError(code: "MalformedPolicyDocument", status: 400, message: first.description) }
        }
        let role = try await runner.store.read(logger: scope.logger) { tx in
            try await tx.roles.find(account: input.roleAccount, name: input.roleName)
        }
        var context: [String: ContextValue] = ["sts:RoleSessionName": .single(input.sessionName)]
        if let e = input.externalId { context["sts:ExternalId"] = .single(e) }
        if let s = input.sourceIdentity { context["sts:SourceIdentity"] = .single(s) }
        for (k, v) in input.tags { context["aws:RequestTag/\(k)"] = .single(v) }
        if !input.tags.isEmpty { context["aws:TagKeys"] = .multiple(Array(input.tags.keys)) }
        if !input.transitiveTagKeys.isEmpty { context["sts:TransitiveTagKeys"] = .multiple(input.transitiveTagKeys) }
        // A role that does not exist has no trust policy: the engine refuses, and the caller learns nothing more.
        let target = AuthorizationTarget(
            resource: input.roleArn, resourceAccount: input.roleAccount.value,
            resourcePolicies: role.map { [$0.trustPolicy] } ?? [], resourcePolicyKind: .trust, context: context)
        let duration: CairnCore.JSONValue = input.durationSeconds.map { .number(Double($0)) } ?? .null
        let parameters: CairnCore.JSONValue = .object([
            "roleArn": .string(input.roleArn), "roleSessionName": .string(input.sessionName),
            "durationSeconds": duration,
        ])
        let issued = try await runner.run(OperationCatalogue.assumeRole, parameters: parameters, target: target) { tx, facts in
            guard let role else { throw ServiceError.internalFailure }
            // Role chaining is limited to one hour, as AWS limits it.
            let maximum = facts.principal.type == .assumedRole ? 3600 : role.maxSessionDuration
            let duration = input.durationSeconds ?? min(3600, maximum)
            guard duration <= maximum else {
                throw ServiceError(
                    code: "ValidationError", status: 400,
                    message: facts.principal.type == .assumedRole
                        ? "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."
                        : "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.")
            }
            for arn in input.policyArns where try await tx.principalPolicies.managedPolicyDocument(arn: arn) == nil {
                throw ServiceError(code: "InvalidParameterValue", status: 400, message: "Policy \(arn) does not exist or is not attachable.")
            }
            let session = try await tx.sessions.issue(
                role: role, sessionName: input.sessionName, duration: duration, sessionPolicy: input.policy,
                policyArns: input.policyArns, tags: input.tags, sourceIdentity: input.sourceIdentity,
                issuedBy: facts.principal.arn, now: facts.time)
            let response: CairnCore.JSONValue = .object([
                "credentials": .object([
                    "accessKeyId": .string(session.accessKeyId),
                    "expiration": .string(EventRecord.timestamp(session.expiresAt)),
                ]),
                "assumedRoleUser": .object(["assumedRoleId": .string(session.assumedRoleId), "arn": .string(session.assumedRoleArn)]),
            ])
            return .init(
                session, responseElements: response,
                resources: [.init(ARN: role.arn, accountId: role.account.value, type: "AWS::IAM::Role")])
        }
        var result: [XMLWriter.Node] = [
            .element("Credentials", [
                .text("AccessKeyId", issued.accessKeyId), .text("SecretAccessKey", issued.secret),
                .text("SessionToken", issued.sessionToken), .text("Expiration", EventRecord.timestamp(issued.expiresAt)),
            ]),
            .element("AssumedRoleUser", [.text("AssumedRoleId", issued.assumedRoleId), .text("Arn", issued.assumedRoleArn)]),
            .text("PackedPolicySize", String(input.packedPolicySize)),
        ]
        if let s = input.sourceIdentity { result.append(.text("SourceIdentity", s)) }
        return .query(result)
    }
}
