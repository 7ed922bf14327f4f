import CairnStore

/// How Lake queries run: how long one may take before it ends TIMED_OUT (`CAIRN_LAKE_QUERY_TIMEOUT_SECONDS`,
/// default AWS's hour), how many connections the Lake pool keeps apart from the service's, and where it connects:
/// `DATABASE_READ_URL` (a streaming replica of the service's database) when set, else the service's own database.
package struct LakeSettings: Sendable, Equatable {
    package var queryTimeoutSeconds = 3_600
    package var readURL: String?
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
        if let url = env["DATABASE_READ_URL"], !url.isEmpty {
            do { _ = try DatabaseURL(url) } catch { throw ConfigurationError("DATABASE_READ_URL: \(error.description)") }
            settings.readURL = url
        }
        return settings
    }
}
