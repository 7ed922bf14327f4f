import CairnTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import CairnStore

@Suite struct MigrationRunnerTests {
    let logger = Logger(label: "test")

    func tableExists(_ client: PostgresClient, _ name: String) async throws -> Bool {
        let rows = try await client.query("SELECT to_regclass(\(name))::text")
        for try await value in rows.decode(String?.self) { return value != nil }
        return false
    }

    @Test func appliesEveryMigrationOnceAndRecordsChecksums() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let migrations = try Migration.load(from: TestPostgres.migrationsDirectory)
        try await withClient(config) { client in
            let runner = MigrationRunner(migrations: migrations, logger: logger)
            #expect(try await runner.run(on: client) == migrations.map(\.name))
            #expect(try await runner.run(on: client).isEmpty)
            #expect(try await tableExists(client, "events"))
            let rows = try await client.query("SELECT name, checksum FROM schema_migrations ORDER BY version")
            var recorded: [String] = []
            for try await (name, checksum) in rows.decode((String, String).self) {
                #expect(migrations.first { $0.name == name }?.checksum == checksum)
                recorded.append(name)
            }
            #expect(recorded == migrations.map(\.name))
        }
    }

    @Test func refusesToStartWhenAnAppliedMigrationChanged() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let original = Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x int)")
        let edited = Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x bigint)")
        try await withClient(config) { client in
            try await MigrationRunner(migrations: [original], logger: logger).run(on: client)
            await #expect(throws: MigrationError.changedAfterApply("0001_a.sql")) {
                try await MigrationRunner(migrations: [edited], logger: logger).run(on: client)
            }
        }
    }

    @Test func aFailingMigrationLeavesNothingBehindAndNamesTheStatement() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        let bad = Migration(version: 1, name: "0001_bad.sql", sql: "CREATE TABLE half (x int); SELECT nonsense FROM nowhere;")
        try await withClient(config) { client in
            await #expect(throws: MigrationError.self) {
                try await MigrationRunner(migrations: [bad], logger: logger).run(on: client)
            }
            do {
                try await MigrationRunner(migrations: [bad], logger: logger).run(on: client)
            } catch let MigrationError.failed(name, statement, _) {
                #expect(name == "0001_bad.sql")
                #expect(statement == 1)
            }
            #expect(try await tableExists(client, "half") == false)
        }
    }

    @Test func concurrentRunnersApplyEachMigrationExactlyOnce() async throws {
        let config = try await TestPostgres.shared.emptyDatabase()
        // A migration that fails if run twice, so a double application cannot go unnoticed.
        let migrations = [
            Migration(version: 1, name: "0001_once.sql", sql: "CREATE TABLE once (x int); INSERT INTO once VALUES (1);"),
            Migration(version: 2, name: "0002_more.sql", sql: "INSERT INTO once VALUES (2);"),
        ]
        let applied = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await withClient(config) { client in
                        try await MigrationRunner(migrations: migrations, logger: logger).run(on: client)
                    }
                }
            }
            var all: [String] = []
            for try await names in group { all += names }
            return all
        }
        #expect(applied.sorted() == ["0001_once.sql", "0002_more.sql"])
        try await withClient(config) { client in
            let rows = try await client.query("SELECT count(*)::int8 FROM once")
            for try await n in rows.decode(Int.self) { #expect(n == 2) }
        }
    }

    @Test func loadingRejectsBadFileNamesAndDuplicateVersions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "SELECT 1".write(to: dir.appendingPathComponent("0001_a.sql"), atomically: true, encoding: .utf8)
        try "SELECT 1".write(to: dir.appendingPathComponent("0001_b.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.duplicateVersion("0001_a.sql", "0001_b.sql")) { try Migration.load(from: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("0001_b.sql"))
        try "SELECT 1".write(to: dir.appendingPathComponent("init.sql"), atomically: true, encoding: .utf8)
        #expect(throws: MigrationError.badFileName("init.sql")) { try Migration.load(from: dir) }
    }
}
