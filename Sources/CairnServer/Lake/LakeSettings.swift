import CairnStore

/// How Lake queries run: how long one may take before it ends TIMED_OUT (`CAIRN_LAKE_QUERY_TIMEOUT_SECONDS`,
/// default AWS's hour), and how many connections the Lake pool keeps apart from the service's. The pool connects to
/// `DATABASE_READ_URL` (a streaming replica) when set, else to the service's own database.
package struct LakeSettings: Sendable, Equatable {
    package var queryTimeoutSeconds = 3_600
    /// One worker per process runs one query at a time; the second connection serves its bookkeeping reads.
    package var poolConnections = 2

    package init() {}

    package static func fromEnvironment(_ env: [String: String]) throws(ConfigurationError) -> LakeSettings {
        var settings = LakeSettings()
        if let text = env["CAIRN_LAKE_QUERY_TIMEOUT_SECONDS"] {
            guard let v = Int(text), (1...86_400).contains(v) else {
                throw ConfigurationError("CAIRN_LAKE_QUERY_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 86400")
            }
            settings.queryTimeoutSeconds = v
        }
        return settings
    }
}
