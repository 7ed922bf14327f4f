import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Logging
import Testing

@testable import CairnServer

/// Every call is authorized by the policy engine against the caller's stored policies.
@Suite struct AuthorizationTests {
    func detail(_ r: TestResponse) -> String {
        ((try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any])?["detail"] as? String) ?? ""
    }

    @Test func aUserWithoutPoliciesIsDeniedInAWSsWords() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let r = try await server.send(.get, "/v1/regions", credentials: alice.credentials)
            #expect(r.status.code == 403)
            #expect(
                detail(r)
                    == "User: \(alice.arn) is not authorized to perform: cairn:ListRegions on resource: * because no identity-based policy allows the cairn:ListRegions action"
            )
            let who = try await server.send(.get, "/v1/caller-identity", credentials: alice.credentials)
            #expect(who.status == .ok, "sts:GetCallerIdentity needs no permission")
        }
    }

    @Test func policyChangesTakeEffectOnTheNextRequest() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            #expect(try await server.send(.get, "/v1/regions", credentials: alice.credentials).status.code == 403)
            try await server.putUserPolicy(userId: alice.userId, name: "allow", document: policy("Allow", "cairn:List*"))
            #expect(try await server.send(.get, "/v1/regions", credentials: alice.credentials).status == .ok)
            try await server.putUserPolicy(userId: alice.userId, name: "deny", document: policy("Deny", "cairn:ListRegions"))
            let denied = try await server.send(.get, "/v1/regions", credentials: alice.credentials)
            #expect(denied.status.code == 403)
            #expect(detail(denied).hasSuffix("with an explicit deny in an identity-based policy"))
            try await server.store.client.query("DELETE FROM iam_inline_policies WHERE name = 'deny'")
            try await server.settle()
            #expect(try await server.send(.get, "/v1/regions", credentials: alice.credentials).status == .ok)
        }
    }

    @Test func aPermissionsBoundaryCapsWhatPoliciesGrant() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice", inline: [policy("Allow", "*")])
            #expect(try await server.send(.get, "/v1/regions", credentials: alice.credentials).status == .ok)
            let boundary = try await server.createManagedPolicy("OnlySTS", document: policy("Allow", "sts:*"))
            try await server.store.client.query("UPDATE iam_users SET permissions_boundary_arn = \(boundary) WHERE user_id = \(alice.userId)")
            try await server.settle()
            let r = try await server.send(.get, "/v1/regions", credentials: alice.credentials)
            #expect(r.status.code == 403 && detail(r).hasSuffix("because no permissions boundary allows the cairn:ListRegions action"))
        }
    }

    @Test func conditionKeysComeFromTheRequest() async throws {
        try await withTestServer { server in
            let onlyEU = policy("Allow", "cairn:ListRegions", condition: #"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}"#)
            let alice = try await server.createUser("alice", inline: [onlyEU])
            #expect(try await server.send(.get, "/v1/regions", region: "us-east-1", credentials: alice.credentials).status.code == 403)
            #expect(try await server.send(.get, "/v1/regions", region: "eu-west-1", credentials: alice.credentials).status == .ok)
            let named = policy("Allow", "cairn:ListRegions", condition: #"{"StringEquals": {"aws:username": "bob"}}"#)
            let bob = try await server.createUser("bob", inline: [named])
            #expect(try await server.send(.get, "/v1/regions", credentials: bob.credentials).status == .ok)
            try await server.putUserPolicy(userId: alice.userId, name: "p0", document: named)
            #expect(try await server.send(.get, "/v1/regions", region: "eu-west-1", credentials: alice.credentials).status.code == 403)
        }
    }

    @Test func aDeniedCallIsRecordedWithItsError() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            _ = try await server.send(.get, "/v1/regions", credentials: alice.credentials)
            let events = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.events.recent(account: server.operatorAccount, region: "us-east-1", limit: 5)
            }
            let denied = try #require(events.first { $0.eventName == "ListRegions" })
            #expect(denied.errorCode == "AccessDeniedException" && denied.userIdentity.type == "IAMUser")
            #expect(denied.userIdentity.userName == "alice" && denied.userIdentity.arn == alice.arn)
        }
    }

    /// Deny by default, over the whole catalogue: a principal with no policies reaches no operation's body.
    @Test func everyCatalogueOperationRefusesAPrincipalWithoutPolicies() async throws {
        try await withTestServer { server in
            let alice = try await server.createUser("alice")
            let runner = OperationRunner(
                store: server.store,
                authorizer: Authorizer(operatorAccount: server.operatorAccount, partition: "aws", store: server.store))
            let principal = Principal(
                type: .iamUser, account: server.operatorAccount, arn: alice.arn, principalId: alice.userId,
                accessKeyId: alice.credentials.accessKeyId, userName: "alice")
            let epoch = try await server.store.read(logger: Logger(label: "t")) { tx in
                try await tx.accessKeys.lookup(alice.credentials.accessKeyId)?.policyEpoch ?? -1
            }
            let scope = RequestScope(
                requestId: "walk", principal: principal, region: "us-east-1", sourceIP: "127.0.0.1", userAgent: "t",
                logger: Logger(label: "t"), received: Date(), policyEpoch: epoch)
            for op in OperationCatalogue.all {
                let ran: Bool
                do throws(OperationFailure) {
                    _ = try await runner.run(Operation<NoInput, NoOutput>(op) { _, _ in NoOutput() }, in: scope) { NoInput() }
                    ran = true
                } catch {
                    #expect(error.error.code == "AccessDeniedException", "\(op): \(error.error)")
                    ran = false
                }
                #expect(ran == op.alwaysAllowed, "\(op) \(ran ? "ran" : "was refused")")
            }
        }
    }
}

@Suite struct SimulatePrincipalTests {
    func json(_ r: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.body.readableBytesView)) as? [String: Any]) ?? [:]
    }

    @Test func evaluatesAStoredPrincipalsLivePolicies() async throws {
        try await withTestServer { server in
            let regional = policy("Allow", "cloudtrail:Describe*", condition: #"{"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}"#)
            let alice = try await server.createUser("alice", inline: [regional, policy("Deny", "cloudtrail:DeleteTrail")])
            func simulate(_ action: String, context: String = #"{"aws:RequestedRegion": "eu-west-1"}"#) async throws -> TestResponse {
                try await server.send(
                    .post, "/v1/policy/simulate-principal",
                    body: #"{"principalArn": "\#(alice.arn)", "action": "\#(action)", "context": \#(context)}"#,
                    headers: ["content-type": "application/json"])
            }
            #expect(json(try await simulate("cloudtrail:DescribeTrails"))["decision"] as? String == "Allow")
            #expect(
                json(try await simulate("cloudtrail:DescribeTrails", context: #"{"aws:RequestedRegion": ["us-east-1"]}"#))["decision"] as? String
                    == "ImplicitDeny")
            #expect(json(try await simulate("cloudtrail:DeleteTrail"))["decision"] as? String == "ExplicitDeny")
            let missing = try await server.send(
                .post, "/v1/policy/simulate-principal",
                body: #"{"principalArn": "arn:aws:iam::\#(server.operatorAccount):user/ghost", "action": "s3:GetObject"}"#,
                headers: ["content-type": "application/json"])
            #expect(missing.status.code == 404 && json(missing)["code"] as? String == "NoSuchEntity")
            let badContext = try await simulate("s3:GetObject", context: #"{"k": 5}"#)
            #expect(badContext.status.code == 400 && (json(badContext)["detail"] as? String ?? "").contains("context.k"))
        }
    }

    @Test func anotherAccountsPrincipalIsNotFound() async throws {
        try await withTestServer { server in
            let r = try await server.send(
                .post, "/v1/policy/simulate-principal", body: #"{"principalArn": "arn:aws:iam::999999999999:user/x", "action": "s3:GetObject"}"#,
                headers: ["content-type": "application/json"])
            #expect(r.status.code == 404)
        }
    }
}
