import CairnCore
import Foundation

/// REST carries CloudTrail's trail and channel shapes, and AWS Organizations' shapes, with lower-camel
/// member names (`s3BucketName` for `S3BucketName`).
/// Requests are re-keyed into CloudTrail's names and decoded by the same inputs the JSON 1.1 door decodes;
/// answers are CloudTrail's encodings re-keyed for REST. Trail shapes hold no caller-chosen keys (tags are
/// lists of Key/Value pairs), so re-keying every object member is exact.
enum RESTShapeCoding {
    /// A REST body as the AWSCall the JSON door would have decoded, with `extra` CloudTrail members added.
    static func call<Body: Encodable>(
        _ operation: CatalogueOperation, body: Body?, extra: [String: CairnCore.JSONValue] = [:]
    ) throws -> AWSCall {
        var object: [String: CairnCore.JSONValue] = [:]
        if let body {
            let json = try JSONDecoder().decode(CairnCore.JSONValue.self, from: try JSONEncoder().encode(body))
            if case .object(let members) = rekey(json, upper: true) { object = members }
        }
        for (k, v) in extra { object[k] = v }
        let parameters = CairnCore.JSONValue.object(object)
        return AWSCall(operation: operation, parameters: parameters, jsonBody: try JSONEncoder().encode(parameters))
    }

    /// A CloudTrail answer as the generated REST type; epoch-second timestamps become dates.
    static func answer<Answer: Decodable>(_ value: some Encodable) throws -> Answer {
        try answer(json: try AWSJSON.encoder.encode(value))
    }

    /// An encoded AWS answer (or its `member`, when the answer wraps one resource) as the generated REST type;
    /// epoch-second timestamps become dates.
    static func answer<Answer: Decodable>(json data: Data, member: String? = nil) throws -> Answer {
        var json = try JSONDecoder().decode(CairnCore.JSONValue.self, from: data)
        if let member {
            guard case .object(let members) = json, let inner = members[member] else { throw ServiceError.internalFailure }
            json = inner
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(Answer.self, from: try JSONEncoder().encode(rekey(json, upper: false)))
    }

    static func rekey(_ value: CairnCore.JSONValue, upper: Bool) -> CairnCore.JSONValue {
        switch value {
        case .object(let members):
            var out: [String: CairnCore.JSONValue] = [:]
            for (k, v) in members {
                let first = upper ? k.prefix(1).uppercased() : k.prefix(1).lowercased()
                out[first + k.dropFirst()] = rekey(v, upper: upper)
            }
            return .object(out)
        case .array(let items): return .array(items.map { rekey($0, upper: upper) })
        default: return value
        }
    }
}
