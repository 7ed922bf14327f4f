/// GenerateQuery without a language model: an English prompt read for what AWS's examples ask — a subject to count
/// by ("users", "errors", "services", "IP addresses"), filters (a service, an API name, errors, access denied,
/// root, console sign-ins, writes, an account, a region, an IP address) and a time window ("in the past month") —
/// and written as one Lake statement over the store. The same prompt always gives the same statement; a prompt with
/// nothing recognisable gives none (GenerateResponseException). docs/lake.md lists what it understands.
package enum LakeQueryGenerator {
    /// The statement for `prompt` over the store `store` (its id), or nil when the prompt asks nothing it knows.
    package static func statement(prompt: String, store: String) -> String? {
        let original = words(prompt)
        let lower = original.map { $0.lowercased() }
        var filters: [String] = []
        var subject = Subject.find(lower)
        if let window = window(lower) { filters.append(window) }
        filters += conditions(original, lower, subject: &subject)
        let wantsCount = phrase(["how", "many"], in: lower) || lower.contains("count") || phrase(["number", "of"], in: lower)
        let top = limit(lower)
        guard subject != nil || !filters.isEmpty || wantsCount else { return nil }
        let whereClause = filters.isEmpty ? "" : " WHERE " + filters.joined(separator: " AND ")
        if let subject {
            return "SELECT \(subject.column) AS \(subject.name), count(*) AS events FROM \(store)\(whereClause)"
                + " GROUP BY \(subject.column) ORDER BY events DESC LIMIT \(top ?? 100)"
        }
        if wantsCount { return "SELECT count(*) AS events FROM \(store)\(whereClause)" }
        return "SELECT eventTime, eventSource, eventName, userIdentity.arn AS principal, sourceIPAddress, errorCode FROM \(store)"
            + "\(whereClause) ORDER BY eventTime DESC LIMIT \(top ?? 100)"
    }

    /// What the prompt counts by: the first subject word it uses.
    struct Subject: Equatable {
        let column: String
        let name: String

        static let byWord: [String: Subject] = {
            var out: [String: Subject] = [:]
            let table: [([String], Subject)] = [
                (
                    ["users", "user", "principals", "principal", "identities", "identity", "who", "roles"],
                    .init(column: "userIdentity.arn", name: "principal")
                ),
                (["ips", "ip", "addresses", "address"], .init(column: "sourceIPAddress", name: "source_ip")),
                (["services", "sources"], .init(column: "eventSource", name: "event_source")),
                (["apis", "api", "actions", "operations", "calls"], .init(column: "eventName", name: "event_name")),
                (["errors", "error"], .init(column: "errorCode", name: "error_code")),
                (["regions"], .init(column: "awsRegion", name: "region")),
                (["accounts"], .init(column: "recipientAccountId", name: "account")),
                (["agents"], .init(column: "userAgent", name: "user_agent")),
            ]
            for (words, subject) in table { for w in words { out[w] = subject } }
            return out
        }()

        static func find(_ lower: [String]) -> Subject? {
            // "the events" alone asks for events, not a count of event names: only a subject word after a cue counts it.
            let cues: Set<String> = ["top", "most", "which", "what", "by", "per", "each", "list", "all", "many", "frequent", "common", "busiest"]
            guard lower.contains(where: cues.contains) else { return nil }
            // "events by user": the word after by/per/each says what to count by.
            for (i, w) in lower.enumerated().dropLast() where ["by", "per", "each"].contains(w) {
                if let s = byWord[lower[i + 1]] { return s }
            }
            for w in lower {
                guard let s = byWord[w] else { continue }
                if s.name == "event_name" && !lower.contains(where: ["top", "most", "frequent", "common", "which", "busiest", "per", "by"].contains) {
                    continue
                }
                return s
            }
            return nil
        }
    }

    /// Words of letters, digits and `.-:_/`, in order.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber || ".-:_/'".contains($0)) }).map { word in
            // A sentence's full stop or a quote around a word is not part of it.
            var w = Substring(word)
            while let c = w.last, c == "." || c == "'" { w = w.dropLast() }
            while let c = w.first, c == "." || c == "'" { w = w.dropFirst() }
            return String(w)
        }.filter { !$0.isEmpty }
    }

    static func phrase(_ p: [String], in lower: [String]) -> Bool {
        guard lower.count >= p.count else { return false }
        return (0...(lower.count - p.count)).contains { Array(lower[$0..<$0 + p.count]) == p }
    }

    static let numbers: [String: Int] = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "ninety": 90,
    ]

    static func number(_ w: String) -> Int? { Int(w).flatMap { (1...10_000).contains($0) ? $0 : nil } ?? numbers[w] }

    /// "top 5", "5 most" → 5; "top" alone → 10.
    static func limit(_ lower: [String]) -> Int? {
        for (i, w) in lower.enumerated() where w == "top" || w == "first" {
            if i + 1 < lower.count, let n = number(lower[i + 1]), n <= 1000 { return n }
            return 10
        }
        for (i, w) in lower.enumerated() where w == "most" && i > 0 {
            if let n = number(lower[i - 1]), n <= 1000 { return n }
        }
        return nil
    }

    /// "in the last 3 days", "past week", "previous 12 hours", "today", "yesterday".
    static func window(_ lower: [String]) -> String? {
        let units: [String: (String, Int)] = [
            "minute": ("minute", 1), "hour": ("hour", 1), "day": ("day", 1), "week": ("day", 7), "month": ("month", 1),
            "year": ("year", 1), "fortnight": ("day", 14), "quarter": ("month", 3),
        ]
        for (i, w) in lower.enumerated() where ["last", "past", "previous"].contains(w) {
            var j = i + 1, count = 1
            if j < lower.count, let n = number(lower[j]) {
                count = n
                j += 1
            }
            guard j < lower.count else { continue }
            let unit = lower[j].hasSuffix("s") ? String(lower[j].dropLast()) : lower[j]
            guard let (field, size) = units[unit] else { continue }
            return "eventTime > date_add('\(field)', -\(count * size), current_timestamp)"
        }
        if lower.contains("today") { return "eventTime >= date_trunc('day', current_timestamp)" }
        if lower.contains("yesterday") {
            return "eventTime >= date_add('day', -1, date_trunc('day', current_timestamp)) AND eventTime < date_trunc('day', current_timestamp)"
        }
        return nil
    }

    /// Services by the word a prompt uses for them, and the event source they record.
    static let services: [String: String] = [
        "s3": "s3", "sns": "sns", "sqs": "sqs", "iam": "iam", "sts": "sts", "ec2": "ec2", "kms": "kms", "lambda": "lambda",
        "cloudtrail": "cloudtrail", "organizations": "organizations", "dynamodb": "dynamodb", "rds": "rds", "cloudformation": "cloudformation",
        "cloudwatch": "monitoring", "secretsmanager": "secretsmanager", "ecr": "ecr", "ecs": "ecs", "eks": "eks", "route53": "route53",
        "sso": "sso", "guardduty": "guardduty", "athena": "athena", "glue": "glue", "kinesis": "kinesis", "ssm": "ssm",
    ]

    /// The prompt's filters, each a condition over the store's columns; literals only from the prompt's own words
    /// that match a strict shape (a service word, an API name, an account id, a region, an IPv4 address).
    static func conditions(_ original: [String], _ lower: [String], subject: inout Subject?) -> [String] {
        var out: [String] = []
        let sources = Set(
            lower.compactMap { w -> String? in
                if let s = services[w] { return "\(s).amazonaws.com" }
                return w.hasSuffix(".amazonaws.com") && w.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) ? w : nil
            }
        ).sorted()
        if !sources.isEmpty { out.append(inList("eventSource", sources)) }
        // Product names are CamelCase too (CloudTrail, GuardDuty): a service word is never an API name.
        let apis = Set(original.filter { isAPIName($0) && services[$0.lowercased()] == nil }).sorted()
        if !apis.isEmpty { out.append(inList("eventName", apis)) }
        let denied =
            phrase(["access", "denied"], in: lower) || lower.contains("accessdenied") || lower.contains("unauthorized")
            || lower.contains("denied") || lower.contains("refused")
        if denied {
            out.append("errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation')")
        } else if lower.contains(where: ["error", "errors", "failed", "failures", "failing", "unsuccessful"].contains) {
            out.append("errorCode IS NOT NULL")
        }
        if lower.contains("root") { out.append("userIdentity.type = 'Root'") }
        if phrase(["console", "login"], in: lower) || phrase(["console", "logins"], in: lower) || lower.contains("sign-in")
            || lower.contains("sign-ins") || lower.contains("signin") || lower.contains("logins")
        {
            out.append("eventName = 'ConsoleLogin'")
        }
        if lower.contains(where: ["write", "writes", "changes", "changed", "modifications", "mutating"].contains) {
            out.append("readOnly = false")
        } else if phrase(["read", "only"], in: lower) || lower.contains("read-only") || lower.contains("reads") {
            out.append("readOnly = true")
        }
        let accounts = Set(lower.filter { $0.count == 12 && $0.allSatisfy(\.isNumber) }).sorted()
        if !accounts.isEmpty { out.append(inList("recipientAccountId", accounts)) }
        let regions = Set(lower.filter(isRegion)).sorted()
        if !regions.isEmpty { out.append(inList("awsRegion", regions)) }
        let ips = Set(lower.filter(isIPv4)).sorted()
        if !ips.isEmpty { out.append(inList("sourceIPAddress", ips)) }
        // Counting errors by error code when the prompt filters to errors already says the same thing twice.
        if subject?.name == "error_code", denied { subject = Subject(column: "userIdentity.arn", name: "principal") }
        return out
    }

    static func inList(_ column: String, _ values: [String]) -> String {
        values.count == 1 ? "\(column) = '\(values[0])'" : "\(column) IN (\(values.map { "'\($0)'" }.joined(separator: ", ")))"
    }

    /// An API name as the prompt writes it: CamelCase, two or more capitalised parts (`CreateTrail`).
    static func isAPIName(_ w: String) -> Bool {
        guard (4...64).contains(w.count), w.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }), w.first?.isUppercase == true else {
            return false
        }
        let capitals = w.filter(\.isUppercase).count
        return capitals >= 2 && capitals < w.count && w.contains(where: \.isLowercase)
    }

    static func isRegion(_ w: String) -> Bool {
        let parts = w.split(separator: "-")
        return parts.count >= 3 && parts.count <= 4 && parts.first?.count == 2 && parts.last.map({ $0.allSatisfy(\.isNumber) }) == true
            && w.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
    }

    static func isIPv4(_ w: String) -> Bool {
        let parts = w.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) && Int($0)! <= 255 }
    }
}
