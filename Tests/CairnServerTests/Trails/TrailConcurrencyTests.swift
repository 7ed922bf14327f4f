import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// The five-trail limit under contention: parallel CreateTrail calls split across two `cairn serve` processes
/// on one database never leave an account with more than five trails in any region.
@Suite(.serialized) struct TrailConcurrencyTests {
    let root = TestCredentials(accessKeyId: "AKIASHAREDROOT000002", secret: "shared-root-secret-trails-0123456789")

    func serve(url: String, keyFile: String) throws -> (CairnProcess, String) {
        let dir = NSTemporaryDirectory() + "cairn-trails-\(UUID().uuidString.prefix(8))"
        let port = CairnProcess.freePort()
        let env = [
            "CAIRN_DATA_DIR": dir, "CAIRN_LISTEN": "127.0.0.1:\(port)", "CAIRN_MIGRATIONS_DIR": TestPostgres.migrationsDirectory.path,
            "DATABASE_URL": url, "CAIRN_MASTER_KEY_FILE": keyFile, "CAIRN_ROOT_ACCESS_KEY_ID": root.accessKeyId,
            "CAIRN_ROOT_SECRET_ACCESS_KEY": root.secret,
        ]
        return (try CairnProcess(["serve"], environment: env, port: port), dir)
    }

    func call(_ p: CairnProcess, _ operation: String, _ body: [String: Any], region: String) async throws -> (status: Int, body: [String: Any]) {
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
        let headers = [
            "host": "127.0.0.1:\(p.port)", "content-type": "application/x-amz-json-1.1",
            "x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.\(operation)",
        ]
        let signed = TestSigner.sign(
            method: "POST", path: "/", headers: headers, body: Data(payload.utf8), region: region, service: "cloudtrail", credentials: root)
        var plain: [String: String] = [:]
        for f in signed { plain[f.name.canonicalName] = f.value }
        let reply = try await HTTPProbe.request(host: "127.0.0.1", port: p.port, method: "POST", path: "/", headers: plain, body: payload)
        return (reply.status, (try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any]) ?? [:])
    }

    @Test func parallelCreatesAcrossTwoProcessesNeverExceedFiveTrailsInAnyRegion() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let socketDir = try #require(config.unixSocketPath).replacingOccurrences(of: "/.s.PGSQL.5432", with: "")
        let url = "postgres://\(config.username)@/\(config.database ?? "")?host=\(socketDir)"
        let keyFile = NSTemporaryDirectory() + "cairn-trails-\(UUID().uuidString.prefix(8))-master.key"
        _ = try SecretBox.loadKey(at: keyFile, create: true)
        let (a, dirA) = try serve(url: url, keyFile: keyFile)
        defer { a.stopNow() }
        try await a.waitUntilReady()
        let (b, dirB) = try serve(url: url, keyFile: keyFile)
        defer { b.stopNow() }
        try await b.waitUntilReady()
        defer { for path in [dirA, dirB, keyFile] { try? FileManager.default.removeItem(atPath: path) } }

        // 24 creators: single-region trails in us-east-1 and us-west-2, and multi-region trails that count in
        // both, half through each process.
        let outcomes = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for i in 0..<24 {
                let process = i % 2 == 0 ? a : b
                let region = i % 3 == 0 ? "us-west-2" : "us-east-1"
                let body: [String: Any] = ["Name": "race-\(i)", "S3BucketName": "race-logs", "IsMultiRegionTrail": i % 4 == 1]
                group.addTask {
                    let (status, out) = try await call(process, "CreateTrail", body, region: region)
                    return (status, out["__type"] as? String)
                }
            }
            var all: [(Int, String?)] = []
            for try await outcome in group { all.append(outcome) }
            return all
        }
        let created = outcomes.filter { $0.0 == 200 }.count
        let refusals = Set(outcomes.filter { $0.0 != 200 }.compactMap(\.1))
        #expect(created >= 5 && created <= 10, "\(outcomes)")
        #expect(refusals == ["MaximumNumberOfTrailsExceededException"], "\(outcomes)")
        for region in ["us-east-1", "us-west-2", "eu-west-1"] {
            let (status, out) = try await call(a, "DescribeTrails", [:], region: region)
            let visible = (out["trailList"] as? [[String: Any]]) ?? []
            #expect(status == 200 && visible.count <= 5, "\(region): \(visible.count) trails")
            if region != "eu-west-1" { #expect(visible.count == 5, "\(region) should be full: \(visible.count)") }
        }
    }
}
