import CairnCore
import Foundation

/// REST's way into AWS Organizations: a REST request becomes the AWSCall the JSON 1.1 door would have
/// decoded, and runs through that door's own handler for the catalogue entry, so both doors share every
/// rule, error and event. Organizations' shapes hold no caller-chosen keys (tags are Key/Value lists,
/// policy content is a string), so re-keying between lower- and upper-camel names is exact.
struct OrganizationsRESTBridge: Sendable {
    /// The JSON door's Organizations handlers by catalogue entry.
    private let handlers: [CatalogueOperation: AWSHandler]

    init(runner: OperationRunner) {
        handlers = Dictionary(uniqueKeysWithValues: OrganizationsHandlers(runner: runner).all.map { ($0.operation, $0) })
    }

    /// Runs `op` and decodes its answer as `Answer`: the whole answer, or the one resource `member` wraps
    /// (`{"OrganizationalUnit": {…}}` answers as the OU itself).
    func run<Answer: Decodable>(
        _ op: CatalogueOperation, body: (any Encodable)? = nil, extra: [String: JSONValue] = [:], member: String? = nil
    ) async throws -> Answer {
        try RESTShapeCoding.answer(json: try await answer(op, body: body, extra: extra), member: member)
    }

    /// Runs `op` for its effect; its answer (`{}`) is dropped.
    func perform(_ op: CatalogueOperation, body: (any Encodable)? = nil, extra: [String: JSONValue] = [:]) async throws {
        _ = try await answer(op, body: body, extra: extra)
    }

    /// AWS's MaxResults and NextToken, from REST's `limit` and `nextToken`.
    static func paging(_ limit: Int?, _ nextToken: String?) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        if let limit { members["MaxResults"] = .number(Double(limit)) }
        if let nextToken { members["NextToken"] = .string(nextToken) }
        return members
    }

    private func answer(_ op: CatalogueOperation, body: (any Encodable)?, extra: [String: JSONValue]) async throws -> Data {
        let call = try body.map { try RESTShapeCoding.call(op, body: $0, extra: extra) }
            ?? RESTShapeCoding.call(op, body: String?.none, extra: extra)
        guard let handler = handlers[op], case .json(let data) = try await handler.handle(call)
        else { throw ServiceError.internalFailure }
        return data
    }
}
