import ArgumentParser
import CairnServer
import Foundation

/// `cairn insights evaluate`: one CloudTrail Insights pass now, as `cairn serve` runs every interval; with
/// `--backfill`, the baseline window's counts are first rebuilt from the event log (for history that predates
/// Insights). Prints what it did and how long it took, as JSON.
struct InsightsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights", abstract: "CloudTrail Insights (operator).", subcommands: [Evaluate.self])

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "Run one Insights pass now (CAIRN_INSIGHTS_BASELINE_SECONDS and CAIRN_INSIGHTS_INTERVAL_SECONDS apply).")

        @OptionGroup var common: CommonOptions

        @Flag(help: "First count the whole baseline window from the event log, a day at a time.")
        var backfill = false

        func run() async throws {
            let logger = common.makeLogger()
            try await FailureReport.exitOnFailure {
                let done = try await CairnRuntime.evaluateInsights(try common.configuration(), backfill: backfill, logger: logger)
                let out: [String: Any] = [
                    "bucketsEvaluated": done.report.bucketsEvaluated, "started": done.report.started, "ended": done.report.ended,
                    "backfilledDays": done.backfilledDays, "backfillSeconds": done.backfillSeconds, "passSeconds": done.passSeconds,
                ]
                print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]), as: UTF8.self))
            }
        }
    }
}
