import Foundation
import Testing

@testable import CairnCore

/// Event data stores for the Lake compiler tests, bound as the server binds them: each relation filters one
/// partition by its id, bound as a parameter.
enum LakeFixtures {
    static let trail = "0233062b-51c6-4d18-8dec-a8c90da840d9"
    static let otherTrail = "8f0c2a51-3d6e-4b7a-9c1d-2e4f6a8b0c1d"
    static let integration = "5e7a9c1b-2d4f-4a6b-8c0d-1e3f5a7b9c2d"
    static let insights = "c3d5e7f9-1a2b-4c3d-8e4f-5a6b7c8d9e0f"

    static func kind(_ id: String) -> LakeStoreKind {
        switch id {
        case integration: return .activityAuditLog
        case insights: return .insight
        default: return .cloudTrail
        }
    }

    static func stores(_ query: LakeQuery) -> [String: LakeStoreBinding] {
        var stores: [String: LakeStoreBinding] = [:]
        for id in query.storeIDs {
            stores[id] = LakeStoreBinding(kind: kind(id)) { builder in
                "(SELECT * FROM lake_event WHERE eds_id = \(builder.bind(.text(id)))::uuid)"
            }
        }
        return stores
    }

    static func compile(_ text: String) throws -> LakeCompiledQuery {
        let query = try LakeQuery.parse(text)
        return try query.compile(stores: stores(query))
    }

    /// The error a query is refused with, from parsing or compiling.
    static func refusal(_ text: String) -> LakeQueryError? {
        do {
            _ = try compile(text)
            return nil
        } catch let error as LakeQueryError {
            return error
        } catch {
            return nil
        }
    }

    static func utc(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text)!
    }
}

extension LakeCompiledQuery {
    /// True when `text` travels as a bind parameter and appears nowhere in the SQL.
    func hasBound(_ text: String) -> Bool { binds.contains(.text(text)) && !sql.contains(text) }
}
