import CairnCore
import Foundation

extension EventRecord {
    /// A root user's ListRegions event in eu-west-1, renamed `name`: what the event-log tests store and read back.
    static func sample(account: String, time: Date, name: String) -> EventRecord {
        let facts = CallFacts(
            operation: OperationCatalogue.listRegions,
            principal: .root(of: AccountId(account)!, partition: "aws", accessKeyId: "AKIAEXAMPLE000000001"),
            region: "eu-west-1", requestId: UUID().uuidString, sourceIP: "127.0.0.1", userAgent: "test", time: time)
        var r = facts.record(eventId: UUID().uuidString.lowercased(), response: nil, error: nil)
        r.eventName = name
        return r
    }
}
