import CairnCore
import CairnStore
import Foundation

/// IAM's credential report: GenerateCredentialReport makes it (at once: Cairn's accounts are small enough for one
/// statement) and GetCredentialReport answers it for four hours, as AWS does.
extension IAMOperations {
    static let generateCredentialReport = operation(Entry.generateCredentialReport) {
        (_: NoInput, ctx) -> IAMModel.CredentialReportStateOutput in
        let account = ctx.facts.principal.account
        if let latest = try await ctx.tx.credentialReports.latest(account: account),
            ctx.facts.time.timeIntervalSince(latest.generatedAt) < CredentialReport.lifetime
        {
            return .init(State: "COMPLETE", Description: nil)
        }
        let (root, users) = try await ctx.tx.credentialReports.subjects(account: account)
        let policy = try await ctx.tx.passwordPolicies.policy(of: account)
        let csv = CredentialReport.csv(root: root, users: users, maxPasswordAgeDays: policy?.maxAgeDays)
        try await ctx.tx.credentialReports.save(account: account, content: csv, at: ctx.facts.time)
        return .init(State: "STARTED", Description: "No report exists. Starting a new report generation task")
    }

    static let getCredentialReport = operation(Entry.getCredentialReport) { (_: NoInput, ctx) -> IAMModel.CredentialReportOutput in
        guard let latest = try await ctx.tx.credentialReports.latest(account: ctx.facts.principal.account) else {
            throw ServiceError(
                code: "ReportNotPresent", status: 410,
                message: "Credential report not present. Please use GenerateCredentialReport to generate a report.")
        }
        guard ctx.facts.time.timeIntervalSince(latest.generatedAt) < CredentialReport.lifetime else {
            throw ServiceError(
                code: "ReportExpired", status: 410,
                message: "Credential report has expired. Please use GenerateCredentialReport to generate a new report.")
        }
        return .init(Content: Data(latest.content.utf8), ReportFormat: "text/csv", GeneratedTime: latest.generatedAt)
    }
}
