import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// UpdateGroup renames or moves a group and keeps its members; a name another group holds is refused unchanged.
/// Customer-managed policies take tags as users and roles do; AWS-managed ones take none.
@Suite struct IAMGroupUpdateTests {

    @Test func aRenamedGroupKeepsItsMembersAndATakenNameIsRefused() async throws {
        try await withTestServer { server in
            for fields in [
                [("Action", "CreateGroup"), ("GroupName", "devs")], [("Action", "CreateGroup"), ("GroupName", "ops")],
                [("Action", "CreateUser"), ("UserName", "kim")], [("Action", "AddUserToGroup"), ("GroupName", "devs"), ("UserName", "kim")],
            ] {
                #expect(try await server.iamQuery(fields).0 == 200)
            }
            var (status, xml) = try await server.iamQuery([("Action", "UpdateGroup"), ("GroupName", "devs"), ("NewGroupName", "OPS")])
            #expect(status == 409 && xml.contains("EntityAlreadyExists"), "\(xml)")
            (status, xml) = try await server.iamQuery(
                [("Action", "UpdateGroup"), ("GroupName", "devs"), ("NewGroupName", "builders"), ("NewPath", "/eng/")])
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetGroup"), ("GroupName", "builders")])
            #expect(xml.contains("<Path>/eng/</Path>") && xml.contains("arn:aws:iam::\(server.operatorAccount):group/eng/builders"))
            #expect(xml.contains("<UserName>kim</UserName>"), "the members stay: \(xml)")
            #expect(try await server.iamQuery([("Action", "GetGroup"), ("GroupName", "devs")]).0 == 404)
            (status, xml) = try await server.iamQuery([("Action", "UpdateGroup"), ("GroupName", "builders"), ("NewPath", "no-slashes")])
            #expect(status == 400 && xml.contains("newPath"), "\(xml)")
        }
    }

    @Test func aCustomerPolicyIsTaggedAndUntaggedAndAnAWSManagedOneIsNot() async throws {
        try await withTestServer { server in
            let arn = try await server.createManagedPolicy("tagged", document: policy("Allow", "s3:GetObject"))
            var (status, xml) = try await server.iamQuery(
                [("Action", "TagPolicy"), ("PolicyArn", arn), ("Tags.member.1.Key", "team"), ("Tags.member.1.Value", "audit")])
            #expect(status == 200, "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "ListPolicyTags"), ("PolicyArn", arn)])
            #expect(xml.contains("<Key>team</Key>") && xml.contains("<Value>audit</Value>"), "\(xml)")
            (status, xml) = try await server.iamQuery([("Action", "GetPolicy"), ("PolicyArn", arn)])
            #expect(xml.contains("<Key>team</Key>"), "GetPolicy answers the tags: \(xml)")
            #expect(try await server.iamQuery([("Action", "UntagPolicy"), ("PolicyArn", arn), ("TagKeys.member.1", "team")]).0 == 200)
            (status, xml) = try await server.iamQuery([("Action", "ListPolicyTags"), ("PolicyArn", arn)])
            #expect(!xml.contains("<Key>team</Key>"))
            (status, xml) = try await server.iamQuery(
                [
                    ("Action", "TagPolicy"), ("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"), ("Tags.member.1.Key", "a"),
                    ("Tags.member.1.Value", "b"),
                ])
            #expect(status == 400 && xml.contains("InvalidInput"), "\(xml)")
            (status, xml) = try await server.iamQuery(
                [
                    ("Action", "TagPolicy"), ("PolicyArn", "arn:aws:iam::\(server.operatorAccount):policy/missing"), ("Tags.member.1.Key", "a"),
                    ("Tags.member.1.Value", "b"),
                ])
            #expect(status == 404, "\(xml)")
        }
    }
}
