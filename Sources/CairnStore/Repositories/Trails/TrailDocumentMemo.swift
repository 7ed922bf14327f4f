import CairnCore
import Foundation
import Synchronization

/// The four JSON columns of a trail row, decoded. Every trail read decodes each candidate's columns, which was
/// the largest single cost of DescribeTrails after the round trips; the columns change only when the trail
/// does, so their decoding is remembered by their text. The text is the whole key, so a changed column can
/// never be answered with an old value.
final class TrailDocumentMemo: Sendable {
    struct Documents: Sendable {
        let settings: TrailSettings
        let eventSelectors: TrailEventSelectors
        let insightSelectors: [TrailInsightSelector]
        let tags: [TrailTag]
    }

    static let shared = TrailDocumentMemo()

    private let table = Mutex<[String: Documents]>([:])
    /// Bounds memory under many distinct trails; eviction is wholesale and only costs a decode.
    private let capacity = 4_096

    func documents(settings: String, eventSelectors: String, insightSelectors: String, tags: String) throws -> Documents {
        // NUL never appears in PostgreSQL's text of a JSON value, so it separates the columns unambiguously.
        let key = settings + "\u{0}" + eventSelectors + "\u{0}" + insightSelectors + "\u{0}" + tags
        if let known = table.withLock({ $0[key] }) { return known }
        let decoder = JSONDecoder()
        let decoded = Documents(
            settings: try decoder.decode(TrailSettings.self, from: Data(settings.utf8)),
            eventSelectors: try decoder.decode(TrailEventSelectors.self, from: Data(eventSelectors.utf8)),
            insightSelectors: try decoder.decode([TrailInsightSelector].self, from: Data(insightSelectors.utf8)),
            tags: try decoder.decode([TrailTag].self, from: Data(tags.utf8)))
        table.withLock { table in
            if table.count >= capacity { table.removeAll(keepingCapacity: true) }
            table[key] = decoded
        }
        return decoded
    }
}
