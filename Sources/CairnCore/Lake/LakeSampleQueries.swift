/// The sample queries SearchSampleQueries searches: questions auditors ask of management events, written for
/// Cairn's Lake dialect (each one compiles; a test runs them all). `$EDS_ID` stands for the store's id, as in
/// the samples AWS's console shows.
package struct LakeSampleQuery: Sendable, Equatable {
    package let name: String
    package let description: String
    package let sql: String

    package static let all: [LakeSampleQuery] = [
        .init(
            name: "Most frequent API calls",
            description: "Counts calls by event source and name over the last week, most frequent first.",
            sql: """
                SELECT eventSource, eventName, count(*) AS calls FROM $EDS_ID WHERE eventTime > date_add('day', -7, current_timestamp) \
                GROUP BY eventSource, eventName ORDER BY calls DESC LIMIT 20
                """),
        .init(
            name: "Access denied errors by principal",
            description: "Lists who was refused with AccessDenied or UnauthorizedOperation, and how often, to find missing or abused permissions.",
            sql: """
                SELECT userIdentity.arn AS principal, eventName, count(*) AS refusals FROM $EDS_ID \
                WHERE errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation') \
                GROUP BY userIdentity.arn, eventName ORDER BY refusals DESC
                """),
        .init(
            name: "Root user activity",
            description: "Every call made with an account's root user credentials, newest first.",
            sql: """
                SELECT eventTime, eventSource, eventName, sourceIPAddress, recipientAccountId FROM $EDS_ID \
                WHERE userIdentity.type = 'Root' ORDER BY eventTime DESC LIMIT 100
                """),
        .init(
            name: "Trails stopped or deleted",
            description: "Finds StopLogging and DeleteTrail calls, which turn off audit logging, with who made them.",
            sql: """
                SELECT eventTime, eventName, userIdentity.arn AS principal, element_at(requestParameters, 'name') AS trail \
                FROM $EDS_ID WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName IN ('StopLogging', 'DeleteTrail') \
                ORDER BY eventTime DESC
                """),
        .init(
            name: "IAM changes by user",
            description: "Write calls to IAM (users, roles, policies, access keys) grouped by the principal that made them.",
            sql: """
                SELECT userIdentity.arn AS principal, eventName, count(*) AS changes FROM $EDS_ID \
                WHERE eventSource = 'iam.amazonaws.com' AND readOnly = false GROUP BY userIdentity.arn, eventName ORDER BY changes DESC
                """),
        .init(
            name: "New access keys",
            description: "Access keys created, with the user they belong to and who created them.",
            sql: """
                SELECT eventTime, userIdentity.arn AS creator, element_at(requestParameters, 'userName') AS user_name \
                FROM $EDS_ID WHERE eventName = 'CreateAccessKey' AND errorCode IS NULL ORDER BY eventTime DESC
                """),
        .init(
            name: "Policies attached to users, groups and roles",
            description: "Managed policy attachments, to review who was granted what and when.",
            sql: """
                SELECT eventTime, eventName, element_at(requestParameters, 'policyArn') AS policy, userIdentity.arn AS principal \
                FROM $EDS_ID WHERE eventName IN ('AttachUserPolicy', 'AttachGroupPolicy', 'AttachRolePolicy') ORDER BY eventTime DESC
                """),
        .init(
            name: "Role assumptions by role",
            description: "How often each role was assumed through STS AssumeRole, and by how many distinct callers.",
            sql: """
                SELECT element_at(requestParameters, 'roleArn') AS role, count(*) AS sessions, count(DISTINCT userIdentity.arn) AS callers \
                FROM $EDS_ID WHERE eventSource = 'sts.amazonaws.com' AND eventName = 'AssumeRole' GROUP BY 1 ORDER BY sessions DESC
                """),
        .init(
            name: "Calls from outside the account",
            description: "Cross-account activity: calls whose caller belongs to another account than the one recording the event.",
            sql: """
                SELECT userIdentity.accountId AS caller_account, recipientAccountId, eventName, count(*) AS calls FROM $EDS_ID \
                WHERE userIdentity.accountId <> recipientAccountId GROUP BY 1, 2, 3 ORDER BY calls DESC
                """),
        .init(
            name: "Source IP addresses per principal",
            description: "Distinct source IP addresses each principal called from, to spot credentials used from unexpected places.",
            sql: """
                SELECT userIdentity.arn AS principal, count(DISTINCT sourceIPAddress) AS addresses, count(*) AS calls FROM $EDS_ID \
                GROUP BY userIdentity.arn ORDER BY addresses DESC
                """),
        .init(
            name: "Service control policy changes",
            description: "AWS Organizations policy changes: SCPs created, updated, attached, detached or deleted.",
            sql: """
                SELECT eventTime, eventName, userIdentity.arn AS principal, element_at(requestParameters, 'policyId') AS policy \
                FROM $EDS_ID WHERE eventSource = 'organizations.amazonaws.com' \
                AND eventName IN ('CreatePolicy', 'UpdatePolicy', 'AttachPolicy', 'DetachPolicy', 'DeletePolicy') ORDER BY eventTime DESC
                """),
        .init(
            name: "Accounts joining and leaving the organization",
            description: "Invitations, accepted handshakes, created, removed and departing accounts of an AWS Organizations organization.",
            sql: """
                SELECT eventTime, eventName, recipientAccountId, userIdentity.arn AS principal FROM $EDS_ID \
                WHERE eventName IN ('InviteAccountToOrganization', 'AcceptHandshake', 'CreateAccount', 'RemoveAccountFromOrganization', \
                'LeaveOrganization') ORDER BY eventTime DESC
                """),
        .init(
            name: "Error rate by API",
            description: "Share of failed calls for each API over the last day, highest first.",
            sql: """
                SELECT eventName, count(*) AS calls, count_if(errorCode IS NOT NULL) AS failures FROM $EDS_ID \
                WHERE eventTime > date_add('day', -1, current_timestamp) GROUP BY eventName ORDER BY failures DESC
                """),
        .init(
            name: "Hourly call volume",
            description: "Calls per hour over the last two days, to see bursts of activity.",
            sql: """
                SELECT date_trunc('hour', eventTime) AS hour, count(*) AS calls FROM $EDS_ID \
                WHERE eventTime > date_add('day', -2, current_timestamp) GROUP BY 1 ORDER BY 1
                """),
        .init(
            name: "Trail configuration changes",
            description: "Changes to what trails record and where they deliver: UpdateTrail, PutEventSelectors and PutInsightSelectors.",
            sql: """
                SELECT eventTime, eventName, userIdentity.arn AS principal, element_at(requestParameters, 'trailName') AS trail \
                FROM $EDS_ID WHERE eventName IN ('UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors') ORDER BY eventTime DESC
                """),
    ]

    /// Samples that share words with `phrase`, best first. Relevance is the share of the phrase's words found in
    /// the sample (its name counts twice), from 0 to 1; samples sharing no word are left out.
    package static func search(_ phrase: String) -> [(sample: LakeSampleQuery, relevance: Float)] {
        let words = Set(Self.words(phrase))
        guard !words.isEmpty else { return [] }
        return all.compactMap { sample -> (LakeSampleQuery, Float)? in
            let name = Set(Self.words(sample.name)), rest = Set(Self.words(sample.description + " " + sample.sql))
            let score = words.reduce(Float(0)) { total, word in
                total + (name.contains(word) ? 2 : 0) + (rest.contains(word) ? 1 : 0)
            }
            guard score > 0 else { return nil }
            return (sample, min(1, score / Float(words.count * 3)))
        }
        .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.name < $1.0.name }
    }

    /// Lowercased words of letters and digits, without the commonest English words and a trailing plural s.
    static func words(_ text: String) -> [String] {
        let stop: Set<String> = ["the", "a", "an", "of", "by", "and", "or", "to", "in", "for", "with", "from", "who", "what", "which", "me", "show"]
        return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { word in
            word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : String(word)
        }
        .filter { !stop.contains($0) }
    }
}
