import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import Testing

/// GetAccountAuthorizationDetails: the account's users, groups, roles and managed policies with everything attached
/// to them, narrowed by Filter and paged by one Marker.
@Suite struct AuthorizationDetailsTests {

    @Test func everyEntityComesWithItsPoliciesAndTheFilterAndMarkerNarrowAndPage() async throws {
        try await withTestServer { server in
            let doc = policy("Allow", "s3:GetObject")
            let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
            for fields in [
                [("Action", "CreateUser"), ("UserName", "uma")], [("Action", "CreateGroup"), ("GroupName", "readers")],
                [("Action", "AddUserToGroup"), ("GroupName", "readers"), ("UserName", "uma")],
                [("Action", "PutUserPolicy"), ("UserName", "uma"), ("PolicyName", "own"), ("PolicyDocument", doc)],
                [("Action", "PutGroupPolicy"), ("GroupName", "readers"), ("PolicyName", "shared"), ("PolicyDocument", doc)],
                [("Action", "CreateRole"), ("RoleName", "runner"), ("AssumeRolePolicyDocument", trust)],
                [("Action", "CreatePolicy"), ("PolicyName", "local-read"), ("PolicyDocument", doc)],
                [("Action", "AttachUserPolicy"), ("UserName", "uma"), ("PolicyArn", "arn:aws:iam::\(server.operatorAccount):policy/local-read")],
                [("Action", "AttachRolePolicy"), ("RoleName", "runner"), ("PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
            ] {
                let (status, xml) = try await server.iamQuery(fields)
                #expect(status == 200, "\(fields[0].1): \(xml)")
            }
            var (status, xml) = try await server.iamQuery([("Action", "GetAccountAuthorizationDetails")])
            #expect(status == 200 && xml.contains("<IsTruncated>false</IsTruncated>"), "\(xml)")
            #expect(
                xml.contains("<UserName>uma</UserName>") && xml.contains("<PolicyName>own</PolicyName>") && xml.contains("<member>readers</member>"))
            #expect(xml.contains("<GroupName>readers</GroupName>") && xml.contains("<PolicyName>shared</PolicyName>"))
            #expect(xml.contains("<RoleName>runner</RoleName>") && xml.contains("<PolicyArn>arn:aws:iam::aws:policy/ReadOnlyAccess</PolicyArn>"))
            #expect(xml.contains("<PolicyName>local-read</PolicyName>") && xml.contains("<VersionId>v1</VersionId>"))
            #expect(xml.contains("%22s3%3AGetObject%22"), "documents are URL-encoded as IAM answers them")
            #expect(xml.contains("<Arn>arn:aws:iam::aws:policy/ReadOnlyAccess</Arn>"), "an attached AWS-managed policy is listed")
            #expect(!xml.contains("<Arn>arn:aws:iam::aws:policy/AdministratorAccess</Arn>"), "an unattached one is not")

            (status, xml) = try await server.iamQuery([("Action", "GetAccountAuthorizationDetails"), ("Filter.member.1", "Role")])
            #expect(xml.contains("<RoleName>runner</RoleName>") && !xml.contains("<UserName>uma</UserName>") && !xml.contains("<GroupName>"))

            var names: [String] = []
            var marker: String?
            repeat {
                var fields = [("Action", "GetAccountAuthorizationDetails"), ("MaxItems", "1")]
                if let marker { fields.append(("Marker", marker)) }
                (status, xml) = try await server.iamQuery(fields)
                #expect(status == 200, "\(xml)")
                for m in xml.matches(of: /<(UserName|GroupName|RoleName)>([^<]+)</) { names.append(String(m.2)) }
                marker = xml.firstMatch(of: /<Marker>([^<]+)<\/Marker>/).map { String($0.1) }
            } while marker != nil && names.count < 20
            #expect(names.contains("uma") && names.contains("readers") && names.contains("runner"), "\(names)")

            (status, xml) = try await server.iamQuery([("Action", "GetAccountAuthorizationDetails"), ("Filter.member.1", "Everything")])
            #expect(status == 400 && xml.contains("filter.1.member"), "\(xml)")
        }
    }
}
