package import Foundation

/// A Lake query as kept: its statement, where it is, and what it found.
package struct LakeQueryRecord: Sendable, Equatable {
    package let id: UUID
    package let account: String
    package let region: String
    package let storeIds: [UUID]
    package let statement: String
    package var status: LakeQueryStatus
    package var errorMessage: String?
    package var columns: [String] = []
    package var eventsMatched: Int64 = 0
    package var eventsScanned: Int64 = 0
    package var bytesScanned: Int64 = 0
    package var executionMillis: Int64 = 0
    package var resultCount: Int64 = 0
    package let created: Date
    package var finished: Date?
    /// For a dashboard widget's query: the widget's alias and the refresh that started it.
    package var alias: String?
    package var refreshId: String?
    /// Where the finished query's results are written (`s3://bucket/prefix`), and how that went.
    package var deliveryS3Uri: String?
    package var deliveryStatus: String?
    /// The account whose stores the query reads when another account started it (EventDataStoreOwnerAccountId,
    /// allowed by the stores' resource-based policies); nil for the starting account's own stores.
    package var storeAccount: String?
    /// The GenerateQuery prompt behind the statement, which DescribeQuery echoes.
    package var prompt: String?

    /// The account whose stores the query reads.
    package var storeOwner: String { storeAccount ?? account }

    package init(id: UUID, account: String, region: String, storeIds: [UUID], statement: String, status: LakeQueryStatus, created: Date) {
        self.id = id
        self.account = account
        self.region = region
        self.storeIds = storeIds
        self.statement = statement
        self.status = status
        self.created = created
    }
}

/// CloudTrail's `QueryStatus`.
package enum LakeQueryStatus: String, Sendable, Codable, CaseIterable {
    case queued = "QUEUED"
    case running = "RUNNING"
    case finished = "FINISHED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"
    case timedOut = "TIMED_OUT"

    /// A query in these states is over: it cannot be cancelled (InactiveQueryException).
    package var isTerminal: Bool { self != .queued && self != .running }
}

/// What CloudTrail Lake allows a query (reference/cloudtrail-lake.md §1.6).
package enum LakeQueryLimits {
    /// Queries QUEUED or RUNNING at once, per account (MaxConcurrentQueriesException).
    package static let concurrentQueries = 10
    package static let statementLength = 1...10_000
    /// Days a query and its results stay readable after it started.
    package static let keptDays = 7
    /// Rows a query may return before it fails as too large ("Query response is too large").
    package static let maximumRows = 100_000
    package static let pageSize = 1...1000
}
