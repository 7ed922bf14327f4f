import CairnCore
import CairnPolicy

/// How an event records a call's input (requestParameters) and output (responseElements): the one place
/// their member names and dates are decided. IAM's and STS's records name members in lowerCamelCase with
/// ISO 8601 dates; the JSON services' records keep the wire's names and epoch seconds
/// (docs/events.md). An empty object is recorded as null, as AWS records a call without parameters.
enum EventElements {
    static func encoder(for service: Service) -> JSONValueEncoder {
        switch service {
        case .iam, .sts: JSONValueEncoder(keys: .lowerCamel, dates: .iso8601)
        default: JSONValueEncoder(keys: .asDeclared, dates: .epochSeconds)
        }
    }

    static func of(_ value: some Encodable, service: Service) -> JSONValue? {
        guard let encoded = try? encoder(for: service).encode(value) else { return nil }
        if case .object(let members) = encoded, members.isEmpty { return nil }
        return encoded
    }
}
