import ArgumentParser
import CairnCore
import CairnServer
import Foundation

/// `cairn validate-logs`: the offline counterpart of `aws cloudtrail validate-logs`, for directory buckets.
struct ValidateLogsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate-logs",
        abstract: "Validate a trail's log and digest files in its bucket; exits 1 when any file is invalid.")

    @OptionGroup var common: CommonOptions

    @Option(name: .customLong("trail-arn"), help: "The trail's ARN.")
    var trailARN: String

    @Option(name: .customLong("start-time"), help: "UTC start, e.g. 2026-11-27T10:00:00Z.")
    var startTime: String

    @Option(name: .customLong("end-time"), help: "UTC end (default now).")
    var endTime: String?

    @Option(name: .customLong("s3-bucket"), help: "The bucket, when not the trail's current one (or the trail is deleted).")
    var bucket: String?

    @Option(name: .customLong("s3-prefix"), help: "The key prefix, when not the trail's current one.")
    var prefix: String?

    @Flag(help: "Print every valid file too, not only the invalid ones.")
    var verbose = false

    func run() async throws {
        let logger = common.makeLogger()
        guard let start = Self.parse(startTime) else { throw ValidationError("--start-time must look like 2026-11-27T10:00:00Z") }
        var end = Date()
        if let endTime {
            guard let e = Self.parse(endTime) else { throw ValidationError("--end-time must look like 2026-11-27T10:00:00Z") }
            end = e
        }
        let request = CairnRuntime.ValidationRequest(trailARN: trailARN, start: start, end: end, bucket: bucket, prefix: prefix)
        let showBar = isatty(STDERR_FILENO) == 1
        var invalid = 0
        try await FailureReport.exitOnFailure {
            print("Validating log files for trail \(trailARN) between \(UTCTimestamp.iso8601(start)) and \(UTCTimestamp.iso8601(end))")
            let findings = try await CairnRuntime.validateLogs(try common.configuration(), request, logger: logger) { done, total in
                guard showBar else { return }
                let width = 30
                let filled = total == 0 ? width : done * width / total
                let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) digest files".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            for finding in findings where verbose || finding.problem != nil { print(finding.line) }
            invalid = findings.filter { $0.problem != nil }.count
            print(Self.summary(findings))
        }
        if invalid > 0 { throw ExitCode(1) }
    }

    static func summary(_ findings: [LogFileValidator.Finding]) -> String {
        func ratio(_ kind: LogFileValidator.Finding.Kind, _ noun: String) -> String {
            let of = findings.filter { $0.kind == kind }
            let bad = of.filter { $0.problem != nil }.count
            return "\(of.count - bad)/\(of.count) \(noun) files valid" + (bad > 0 ? ", \(bad)/\(of.count) \(noun) files INVALID" : "")
        }
        return "Results:\n" + ratio(.digest, "digest") + "\n" + ratio(.log, "log")
    }

    static func parse(_ text: String) -> Date? {
        UTCTimestamp.parse(text) ?? UTCTimestamp.parse(text + "Z") ?? UTCTimestamp.parseCompact(text)
    }
}
