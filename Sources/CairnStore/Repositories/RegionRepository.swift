import PostgresNIO

/// The service-wide region list. Regions are only ever added; a region added here is visible to every
/// process at once because nothing caches it.
package struct RegionRepository: Sendable {
    let tx: Transaction

    package func list() async throws -> [String] {
        var names: [String] = []
        for try await name in try await tx.query("SELECT name FROM regions ORDER BY name").decode(String.self) {
            names.append(name)
        }
        return names
    }

    /// Returns true when the region is new.
    @discardableResult
    package func add(_ name: String) async throws -> Bool {
        var added = false
        let rows = try await tx.query("INSERT INTO regions (name) VALUES (\(name)) ON CONFLICT DO NOTHING RETURNING 1")
        for try await _ in rows.decode(Int.self) { added = true }
        return added
    }
}
