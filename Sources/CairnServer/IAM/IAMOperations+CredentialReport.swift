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
        var (root, users) = try await ctx.tx.credentialReports.subjects(account: account)
        func withLastUse(_ user: CredentialReport.User) async throws -> CredentialReport.User {
            var user = user
            for i in user.keys.indices {
                if let use = try await ctx.tx.iamAccessKeys.lastUse(of: user.keys[i].id, in: account) {
                    user.keys[i].lastUsed = (use.at, use.region, serviceName(use.source))
                }
            }
            return user
        }
        root = try await withLastUse(root)
        for i in users.indices { users[i] = try await withLastUse(users[i]) }
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
