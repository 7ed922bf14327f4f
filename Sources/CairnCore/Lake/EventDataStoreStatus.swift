/// Where an event data store is in its life (CloudTrail's `EventDataStoreStatus`). Cairn's transitions are
/// immediate, so the passing states (CREATED, STARTING_INGESTION, STOPPING_INGESTION) are never observed.
package enum EventDataStoreStatus: String, Sendable, Codable, CaseIterable {
    case created = "CREATED"
    case enabled = "ENABLED"
    case pendingDeletion = "PENDING_DELETION"
    case startingIngestion = "STARTING_INGESTION"
    case stoppingIngestion = "STOPPING_INGESTION"
    case stoppedIngestion = "STOPPED_INGESTION"
}
