/// How CloudTrail Insights is evaluated: the baseline's reach and the evaluation interval. Operators and tests
/// shorten both (`CAIRN_INSIGHTS_BASELINE_SECONDS`, default AWS's 7 days; `CAIRN_INSIGHTS_INTERVAL_SECONDS`,
/// default a minute, AWS's rates being calls per minute; 0 turns Insights off in this process).
package struct InsightSettings: Sendable, Equatable {
    package var baselineSeconds = 604_800
    package var intervalSeconds = 60

    package init() {}

    package var isOn: Bool { intervalSeconds > 0 }

    package static func fromEnvironment(_ env: [String: String]) throws(ConfigurationError) -> InsightSettings {
        var settings = InsightSettings()
        if let text = env["CAIRN_INSIGHTS_BASELINE_SECONDS"] {
            guard let v = Int(text), (60...7_776_000).contains(v) else {
                throw ConfigurationError("CAIRN_INSIGHTS_BASELINE_SECONDS must be a whole number of seconds from 60 to 7776000 (90 days)")
            }
            settings.baselineSeconds = v
        }
        if let text = env["CAIRN_INSIGHTS_INTERVAL_SECONDS"] {
            guard let v = Int(text), (0...3_600).contains(v) else {
                throw ConfigurationError("CAIRN_INSIGHTS_INTERVAL_SECONDS must be a whole number of seconds from 1 to 3600 (0: off)")
            }
            settings.intervalSeconds = v
        }
        guard settings.intervalSeconds == 0 || settings.baselineSeconds >= settings.intervalSeconds * 2 else {
            throw ConfigurationError("CAIRN_INSIGHTS_BASELINE_SECONDS must be at least twice CAIRN_INSIGHTS_INTERVAL_SECONDS")
        }
        return settings
    }
}
