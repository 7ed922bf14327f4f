package import CairnCore

extension TrailRepository {
    /// Logging trails that ask for Insights: who gets Insights, and for which accounts and regions.
    package func insightTrails() async throws -> [TrailRecord] {
        try await records(
            """
            SELECT \(unescaped: Self.columns) FROM trails
            WHERE is_logging AND jsonb_array_length(insight_selectors) > 0 ORDER BY id
            """)
    }
}
