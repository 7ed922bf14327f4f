package import Foundation

/// CloudTrail channels for events from outside AWS: names, sources, destinations, references and limits.
package enum ChannelRules {
    /// AWS's quota of channels for external integrations, per account and region.
    package static let maximumChannels = 25

    package static func validateName(_ name: String?) throws(ServiceError) -> String {
        guard let name else { throw ServiceError.missingParameter("Name") }
        guard (3...128).contains(name.count), name.unicodeScalars.allSatisfy({ isNameCharacter($0) }) else {
            throw ServiceError(
                code: "InvalidParameterException", status: 400,
                message: "Channel name \(name) is not valid: use 3 to 128 letters, digits, periods, underscores or hyphens.")
        }
        return name
    }

    /// `Custom`, or a partner's source name. **Choice:** any 1–256 characters of letters, digits, `.`, `_`, `-`.
    package static func validateSource(_ source: String?) throws(ServiceError) -> String {
        guard let source else { throw ServiceError.missingParameter("Source") }
        guard (1...256).contains(source.count), source.unicodeScalars.allSatisfy({ isNameCharacter($0) }) else {
            throw ServiceError(code: "InvalidSourceException", status: 400, message: "Source \(source) is not valid.")
        }
        return source
    }

    /// 1–200 destinations, each an event data store of the caller's account and region. Cairn keeps no event
    /// data stores: ingested events go to the account's own event log (and from there to its trails), and the
    /// destinations are recorded as given. `AWS_SERVICE` destinations belong to service-linked channels, which
    /// only AWS services create.
    package static func validateDestinations(
        _ destinations: [ChannelDestination]?, partition: String, region: String, account: String
    ) throws(ServiceError) -> [ChannelDestination] {
        guard let destinations else { throw ServiceError.missingParameter("Destinations") }
        guard (1...200).contains(destinations.count) else {
            throw ServiceError(code: "InvalidParameterException", status: 400, message: "Destinations must list 1 to 200 destinations.")
        }
        for d in destinations {
            guard d.type == "EVENT_DATA_STORE" else {
                throw ServiceError(
                    code: "InvalidParameterException", status: 400,
                    message: "Destination type \(d.type) is not valid here: channels send to EVENT_DATA_STORE destinations.")
            }
            let prefix = "arn:\(partition):cloudtrail:\(region):\(account):eventdatastore/"
            let id = d.location.hasPrefix(prefix) ? d.location.dropFirst(prefix.count) : ""
            guard !id.isEmpty, id.count <= 256, id.unicodeScalars.allSatisfy({ isNameCharacter($0) }) else {
                throw ServiceError(
                    code: "EventDataStoreARNInvalidException", status: 400,
                    message: "The event data store ARN \(d.location) is not valid for account \(account) in \(region).")
            }
        }
        return destinations
    }

    /// A channel argument is its ARN or its id (the ARN's suffix). nil when it is neither.
    package static func channelId(_ raw: String, partition: String, region: String, account: String) -> UUID? {
        if raw.hasPrefix("arn:") {
            let prefix = "arn:\(partition):cloudtrail:\(region):\(account):channel/"
            guard raw.hasPrefix(prefix) else { return nil }
            return UUID(uuidString: String(raw.dropFirst(prefix.count)))
        }
        return UUID(uuidString: raw)
    }

    package static func arn(partition: String, region: String, account: String, id: UUID) -> String {
        "arn:\(partition):cloudtrail:\(region):\(account):channel/\(id.uuidString.lowercased())"
    }

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "." || c == "_" || c == "-")
    }
}

/// Where a channel says its events go (CloudTrail's `Destination`).
package struct ChannelDestination: Sendable, Equatable, Codable {
    package var type: String
    package var location: String

    enum CodingKeys: String, CodingKey { case type = "Type", location = "Location" }

    package init(type: String, location: String) {
        self.type = type
        self.location = location
    }
}
