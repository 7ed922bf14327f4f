import CairnCore
import CairnTestSupport
import Foundation
import HummingbirdTesting
import PostgresNIO
import Testing

/// Service-linked roles over the Query door: made for a service (or by CloudTrail for an organization trail),
/// unchangeable by anyone — PostgreSQL itself refuses — and deleted only once the service no longer uses them.
@Suite struct ServiceLinkedRoleTests {
    func iam(_ server: TestServer, _ fields: [(String, String)], as tenant: Tenant) async throws -> (Int, String) {
        try await server.iamQuery(fields, as: tenant.credentials)
    }

    @Test func aServicesRoleIsMadeWhereAWSPutsItAndNobodyChangesIt() async throws {
        try await withTestServer { server in
            let tenant = try await server.createTenant("slr")
            var (status, xml) = try await iam(
                server, [("Action", "CreateServiceLinkedRole"), ("AWSServiceName", "cloudtrail.amazonaws.com")], as: tenant)
            #expect(status == 200, "\(xml)")
            #expect(
                xml.contains("<Arn>arn:aws:iam::\(tenant.account):role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail</Arn>"))
            (status, xml) = try await iam(
                server, [("Action", "CreateServiceLinkedRole"), ("AWSServiceName", "cloudtrail.amazonaws.com")], as: tenant)
            #expect(status == 400 && xml.contains("InvalidInput") && xml.contains("has been taken"), "\(xml)")
            for (fields, words) in [
                ([("AWSServiceName", "ec2.example.com")], "does not support"),
                ([("AWSServiceName", "cloudtrail.amazonaws.com"), ("CustomSuffix", "x")], "suffix"),
                ([("AWSServiceName", "bad name")], "aWSServiceName"), ([], "aWSServiceName"),
            ] {
                (status, xml) = try await iam(server, [("Action", "CreateServiceLinkedRole")] + fields, as: tenant)
                #expect(status == 400 && xml.contains(words), "\(fields): \(xml)")
            }
            (status, xml) = try await iam(server, [("Action", "ListAttachedRolePolicies"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: tenant)
            #expect(xml.contains("arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy"), "\(xml)")

            let role = "AWSServiceRoleForCloudTrail"
            let anything = policy("Allow", "*")
            for fields in [
                [
                    ("Action", "UpdateAssumeRolePolicy"), ("RoleName", role),
                    (
                        "PolicyDocument",
                        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#
                    ),
                ],
                [("Action", "PutRolePolicy"), ("RoleName", role), ("PolicyName", "more"), ("PolicyDocument", anything)],
                [("Action", "AttachRolePolicy"), ("RoleName", role), ("PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess")],
                [
                    ("Action", "DetachRolePolicy"), ("RoleName", role),
                    ("PolicyArn", "arn:aws:iam::aws:policy/aws-service-role/CloudTrailServiceRolePolicy"),
                ],
                [("Action", "PutRolePermissionsBoundary"), ("RoleName", role), ("PermissionsBoundary", "arn:aws:iam::aws:policy/ReadOnlyAccess")],
                [("Action", "UpdateRole"), ("RoleName", role), ("MaxSessionDuration", "7200")],
                [("Action", "DeleteRole"), ("RoleName", role)],
            ] {
                (status, xml) = try await iam(server, fields, as: tenant)
                #expect(status == 400 && xml.contains("<Code>UnmodifiableEntity</Code>") && xml.contains("protected role"), "\(fields[0]): \(xml)")
            }
            (status, xml) = try await iam(server, [("Action", "UpdateRoleDescription"), ("RoleName", role), ("Description", "ours")], as: tenant)
            #expect(status == 200, "its description may change: \(xml)")
            (status, xml) = try await iam(server, [("Action", "ListAttachedRolePolicies"), ("RoleName", role)], as: tenant)
            #expect(xml.components(separatedBy: "<PolicyArn>").count == 2, "nothing was attached or detached: \(xml)")

            // PostgreSQL refuses it too, whoever writes.
            await #expect(throws: PSQLError.self) {
                try await server.store.client.query("UPDATE iam_roles SET trust_policy = '{}' WHERE name = \(role)")
            }
            await #expect(throws: PSQLError.self) {
                try await server.store.client.query(
                    "DELETE FROM iam_policy_attachments WHERE principal_id IN (SELECT role_id FROM iam_roles WHERE name = \(role))")
            }
        }
    }

    @Test func cloudTrailsRoleComesWithAnOrganizationTrailAndGoesOnlyAfterIt() async throws {
        try await withTestServer { server in
            let management = try await server.createTenant("mgmt")
            let member = try await server.createTenant("member")
            try await server.organizationForTrails(management: management, members: [member])
            var (status, xml) = try await iam(server, [("Action", "GetRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management)
            #expect(status == 404, "none before an organization trail")
            let created = try await server.trailOK(
                "CreateTrail", ["Name": "org-trail", "S3BucketName": "org-logs", "IsOrganizationTrail": true], as: management)
            let trailArn = try #require(created["TrailARN"] as? String)
            (status, xml) = try await iam(server, [("Action", "GetRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management)
            #expect(status == 200 && xml.contains("cloudtrail.amazonaws.com"), "\(xml)")

            (status, xml) = try await iam(
                server, [("Action", "DeleteServiceLinkedRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management)
            #expect(status == 200, "\(xml)")
            var task = String(try #require(xml.firstMatch(of: /<DeletionTaskId>([^<]+)</)?.1))
            #expect(task.hasPrefix("task/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail/"))
            (status, xml) = try await iam(server, [("Action", "GetServiceLinkedRoleDeletionStatus"), ("DeletionTaskId", task)], as: management)
            #expect(xml.contains("<Status>FAILED</Status>") && xml.contains(trailArn) && xml.contains("<Region>us-east-1</Region>"), "\(xml)")
            (status, xml) = try await iam(server, [("Action", "GetServiceLinkedRoleDeletionStatus"), ("DeletionTaskId", task)], as: member)
            #expect(status == 404, "another account's task: \(xml)")
            #expect(try await iam(server, [("Action", "GetRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management).0 == 200)

            try await server.trailOK("DeleteTrail", ["Name": trailArn], as: management)
            (status, xml) = try await iam(
                server, [("Action", "DeleteServiceLinkedRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management)
            task = String(try #require(xml.firstMatch(of: /<DeletionTaskId>([^<]+)</)?.1, "\(xml)"))
            (status, xml) = try await iam(server, [("Action", "GetServiceLinkedRoleDeletionStatus"), ("DeletionTaskId", task)], as: management)
            #expect(xml.contains("<Status>SUCCEEDED</Status>"), "\(xml)")
            #expect(try await iam(server, [("Action", "GetRole"), ("RoleName", "AWSServiceRoleForCloudTrail")], as: management).0 == 404)
            (status, xml) = try await iam(server, [("Action", "GetServiceLinkedRoleDeletionStatus"), ("DeletionTaskId", "nope")], as: management)
            #expect(status == 400 && xml.contains("InvalidInput"), "\(xml)")
        }
    }
}
