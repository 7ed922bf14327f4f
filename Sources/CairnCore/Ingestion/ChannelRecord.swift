package import Foundation

/// A stored channel and what ingestion last did through it.
package struct ChannelRecord: Sendable, Equatable {
    package let id: UUID
    package let arn: String
    package let account: String
    package let region: String
    package var name: String
    package let source: String
    package var destinations: [ChannelDestination]
    package var tags: [TrailTag]
    package var latestIngestionSuccessTime: Date?
    package var latestIngestionSuccessEventId: UUID?
    package var latestIngestionErrorCode: String?
    package var latestIngestionAttemptTime: Date?
    package var latestIngestionAttemptEventId: UUID?

    package init(
        id: UUID, arn: String, account: String, region: String, name: String, source: String, destinations: [ChannelDestination],
        tags: [TrailTag]
    ) {
        self.id = id
        self.arn = arn
        self.account = account
        self.region = region
        self.name = name
        self.source = source
        self.destinations = destinations
        self.tags = tags
    }
}
