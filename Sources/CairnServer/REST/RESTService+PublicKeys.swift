import CairnCore
import Foundation
import OpenAPIRuntime

/// ListPublicKeys over REST, with RFC 3339 times.
extension RESTService {
    func listPublicKeys(_ input: Operations.ListPublicKeys.Input) async throws -> Operations.ListPublicKeys.Output {
        var parameters: [String: CairnCore.JSONValue] = [:]
        if let start = input.query.startTime { parameters["StartTime"] = .string(UTCTimestamp.iso8601(start)) }
        if let end = input.query.endTime { parameters["EndTime"] = .string(UTCTimestamp.iso8601(end)) }
        let keys = try await PublicKeyOperations(runner: runner).list(
            startTime: input.query.startTime, endTime: input.query.endTime, nextToken: nil, parameters: .object(parameters))
        return .ok(.init(body: .json(.init(publicKeyList: keys.map {
            .init(
                value: $0.value.base64EncodedString(), validityStartTime: $0.validityStartTime, validityEndTime: $0.validityEndTime,
                fingerprint: $0.fingerprint)
        }))))
    }
}
