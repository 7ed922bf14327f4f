import Foundation
import Testing

@testable import CairnCore

/// GenerateQuery's prompts, read without a model: what each kind of question becomes, and that every statement it
/// writes is one the Lake compiler accepts.
@Suite struct LakeQueryGeneratorTests {
    let store = LakeFixtures.trail

    @Test(arguments: [
        (
            "What are my top errors in the past month?",
            "SELECT errorCode AS error_code, count(*) AS events FROM STORE WHERE eventTime > date_add('month', -1, current_timestamp) AND errorCode IS NOT NULL GROUP BY errorCode ORDER BY events DESC LIMIT 10"
        ),
        (
            "Give me a list of users that used SNS.",
            "SELECT userIdentity.arn AS principal, count(*) AS events FROM STORE WHERE eventSource = 'sns.amazonaws.com' GROUP BY userIdentity.arn ORDER BY events DESC LIMIT 100"
        ),
        (
            "How many CreateTrail calls failed in the last 3 days?",
            "SELECT count(*) AS events FROM STORE WHERE eventTime > date_add('day', -3, current_timestamp) AND eventName = 'CreateTrail' AND errorCode IS NOT NULL"
        ),
        (
            "Show access denied events by user in the past week",
            "SELECT userIdentity.arn AS principal, count(*) AS events FROM STORE WHERE eventTime > date_add('day', -7, current_timestamp) AND errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation') GROUP BY userIdentity.arn ORDER BY events DESC LIMIT 100"
        ),
        (
            "Show root activity from 203.0.113.7 today",
            "SELECT eventTime, eventSource, eventName, userIdentity.arn AS principal, sourceIPAddress, errorCode FROM STORE WHERE eventTime >= date_trunc('day', current_timestamp) AND userIdentity.type = 'Root' AND sourceIPAddress = '203.0.113.7' ORDER BY eventTime DESC LIMIT 100"
        ),
        (
            "Which IP addresses made the 5 most console logins in eu-west-1?",
            "SELECT sourceIPAddress AS source_ip, count(*) AS events FROM STORE WHERE eventName = 'ConsoleLogin' AND awsRegion = 'eu-west-1' GROUP BY sourceIPAddress ORDER BY events DESC LIMIT 5"
        ),
    ])
    func aPromptBecomesTheStatementItAsksFor(_ prompt: String, _ expected: String) throws {
        let statement = try #require(LakeQueryGenerator.statement(prompt: prompt, store: store))
        #expect(statement == expected.replacingOccurrences(of: "STORE", with: store))
        _ = try LakeFixtures.compile(statement)
    }

    @Test(arguments: ["hello there", "please be nice", "'; DROP TABLE events; --"])
    func aPromptWithNothingToAskGivesNoStatement(_ prompt: String) {
        #expect(LakeQueryGenerator.statement(prompt: prompt, store: store) == nil)
    }

    /// Words that reach the statement are only those of a strict shape, so a prompt cannot write SQL.
    @Test func quotesInAPromptNeverReachTheStatement() throws {
        let statement = try #require(
            LakeQueryGenerator.statement(prompt: "top users of s3' OR '1'='1 in the last day", store: store))
        #expect(!statement.contains("'1'"), "\(statement)")
        _ = try LakeFixtures.compile(statement)
    }
}
