import Foundation
import Testing

@testable import CairnCore

/// The sample queries of the Lake reference (§4, Q1–Q15) compile, with Lake's column names, reading the store's
/// typed columns where it has them, and with every literal bound rather than written into the SQL.
@Suite struct LakeSampleQueryTests {
    let a = LakeFixtures.trail
    let b = LakeFixtures.otherTrail

    @Test func q1FiltersOnTheTypedColumnsAndOrdersByEventTimeItself() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventTime, eventName, sourceIPAddress FROM \(a)
            WHERE eventSource = 'iam.amazonaws.com' AND eventTime >= '2024-03-01 00:00:00' AND eventTime < '2024-03-08 00:00:00'
            ORDER BY eventTime DESC LIMIT 50;
            """)
        #expect(q.columns == ["eventTime", "eventName", "sourceIPAddress"])
        #expect(q.sql.contains(#""event_source" = $"#) && q.sql.contains(#""event_name" AS "c1""#))
        #expect(q.sql.contains(#""event_time" >= $"#) && q.sql.contains(#""event_time" < $"#), "compared as timestamptz, so an index applies")
        #expect(q.sql.contains(#""event_time" AS "h0""#) && q.sql.contains(#"ORDER BY "q0"."h0" DESC LIMIT $"#), "never NULL, so an index reads it")
        #expect(q.sql.contains("to_char(\"q0\".\"c0\", 'YYYY-MM-DD HH24:MI:SS.MS')"))
        #expect(q.sql.contains("record\" ->> 'sourceIPAddress'"))
        #expect(q.hasBound("iam.amazonaws.com"))
        #expect(q.binds.contains(.timestamp(LakeFixtures.utc("2024-03-01T00:00:00Z"))))
        #expect(q.binds.contains(.timestamp(LakeFixtures.utc("2024-03-08T00:00:00Z"))))
        #expect(q.binds.contains(.integer(50)) && !q.sql.contains("50"))
    }

    @Test func q2GroupsOnTypedColumnsAndOrdersByTheAggregateAlias() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventName, errorCode, count(*) AS failures FROM \(a)
            WHERE errorCode IS NOT NULL AND eventTime > '2024-03-01 00:00:00'
            GROUP BY eventName, errorCode HAVING count(*) > 10 ORDER BY failures DESC;
            """)
        #expect(q.columns == ["eventName", "errorCode", "failures"])
        #expect(q.sql.contains(#"GROUP BY "t1"."event_name", "t1"."error_code" HAVING (count(*) > $"#))
        #expect(q.sql.contains(#"ORDER BY "q0"."c2" DESC NULLS LAST"#))
        #expect(q.sql.contains(#"CAST("q0"."c2" AS text)"#), "counts render as plain text")
        #expect(q.binds.contains(.integer(10)))
    }

    @Test func q3BucketsByHourAgainstARelativeTimeAndGroupsByOrdinal() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT date_trunc('hour', eventTime) AS hr, count(*) AS logins FROM \(a)
            WHERE eventName = 'ConsoleLogin' AND eventTime > date_add('day', -7, current_timestamp) GROUP BY 1 ORDER BY 1;
            """)
        #expect(q.columns == ["hr", "logins"])
        #expect(q.sql.contains(#"GROUP BY date_trunc('hour', ("t1"."event_time" AT TIME ZONE 'UTC'))"#))
        #expect(q.sql.contains("(now() AT TIME ZONE 'UTC') + $") && q.sql.contains("* INTERVAL '1 day'"))
        #expect(q.binds.contains(.integer(-7)) && q.hasBound("ConsoleLogin"))
    }

    @Test func q4ReadsAStructFieldAndAMapValueByItsCaseSensitiveKey() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT userIdentity.arn, sourceIPAddress, eventTime FROM \(a)
            WHERE eventSource = 'signin.amazonaws.com' AND eventName = 'ConsoleLogin' AND element_at(additionalEventData, 'MFAUsed') = 'No';
            """)
        #expect(q.columns == ["arn", "sourceIPAddress", "eventTime"])
        #expect(q.sql.contains("#>> '{userIdentity,arn}'"))
        #expect(q.sql.contains("cairn_lake_text(((\"t1\".\"record\" -> 'additionalEventData') -> $"))
        #expect(q.hasBound("MFAUsed") && q.binds.contains(.text("No")))
    }

    @Test func q5ReadsJSONInsideAMapValueWithoutReparsingItsText() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT json_extract_scalar(element_at(requestParameters, 'ModifySecurityGroupRulesRequest'), '$.GroupId') AS sg, eventTime FROM \(a)
            WHERE eventName = 'ModifySecurityGroupRules' AND element_at(requestParameters, 'ModifySecurityGroupRulesRequest') LIKE '%0.0.0.0/0%';
            """)
        #expect(q.columns == ["sg", "eventTime"])
        #expect(q.sql.contains("cairn_lake_scalar((cairn_lake_json(((\"t1\".\"record\" -> 'requestParameters') -> $"))
        #expect(q.sql.contains("#> ARRAY[$"))
        #expect(q.sql.contains("LIKE $") && q.sql.contains("ESCAPE '')"), "Trino's LIKE has no escape character")
        #expect(q.hasBound("GroupId") && q.hasBound("%0.0.0.0/0%"))
    }

    @Test func q6FollowsADeepStructPathCaseInsensitivelyToItsCanonicalKeys() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT userIdentity.sessionContext.sessionIssuer.userName AS role, count(*) AS calls FROM \(a)
            WHERE userIdentity.type = 'AssumedRole' AND eventTime > '2024-01-01 00:00:00' GROUP BY 1 ORDER BY calls DESC LIMIT 20;
            """)
        #expect(q.columns == ["role", "calls"])
        #expect(q.sql.contains("#>> '{userIdentity,sessionContext,sessionIssuer,userName}'"))
        let lower = try LakeFixtures.compile(
            "SELECT useridentity.sessioncontext.sessionissuer.username FROM \(a)")
        #expect(lower.sql.contains("{userIdentity,sessionContext,sessionIssuer,userName}") && lower.columns == ["username"])
    }

    @Test func q7ComparesAStructFieldWithATypedColumn() throws {
        let q = try LakeFixtures.compile(
            "SELECT userIdentity.accountId, recipientAccountId, eventName FROM \(a) WHERE userIdentity.accountId <> recipientAccountId;")
        #expect(q.columns == ["accountId", "recipientAccountId", "eventName"])
        #expect(q.sql.contains(#"(("t1"."record" #>> '{userIdentity,accountId}') <> "t1"."account_id")"#))
    }

    @Test func q8ReadsAnArrayElementFieldAndRunsALambdaOverTheArray() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventName, element_at(resources, 1).arn AS first_arn FROM \(a)
            WHERE any_match(resources, r -> r.type = 'AWS::S3::Object') AND cardinality(resources) > 1 LIMIT 10;
            """)
        #expect(q.columns == ["eventName", "first_arn"])
        #expect(q.sql.contains("->> 'ARN'"), "resources entries keep the key ARN in upper case")
        #expect(q.sql.contains("EXISTS (SELECT 1 FROM jsonb_array_elements(cairn_lake_array((\"t1\".\"record\" -> 'resources')))"))
        #expect(q.binds.contains(.integer(0)), "element_at is 1-based; the jsonb index is 0-based")
        #expect(q.hasBound("AWS::S3::Object"))
    }

    @Test func q9UnnestsResourcesIntoRows() throws {
        let q = try LakeFixtures.compile(
            "SELECT r.type, count(*) AS n FROM \(a) CROSS JOIN UNNEST(resources) AS t(r) WHERE eventCategory = 'Data' GROUP BY r.type;")
        #expect(q.columns == ["type", "n"])
        #expect(q.sql.contains("CROSS JOIN LATERAL ROWS FROM (jsonb_array_elements(cairn_lake_array((\"t1\".\"record\" -> 'resources'))))"))
        #expect(q.sql.contains(#"GROUP BY ("t2"."c0" ->> 'type')"#) && q.sql.contains(#""event_category" = $"#))
    }

    @Test func q10JoinsAnInsightsStoreToAManagementStoreWithinTimeBounds() throws {
        let i = LakeFixtures.insights
        let q = try LakeFixtures.compile(
            """
            SELECT i.insightEventName, i.eventTime, count(m.eventID) AS calls FROM \(i) AS i
            LEFT JOIN \(a) AS m ON m.eventName = i.insightEventName AND m.eventSource = i.insightEventSource
              AND m.eventTime BETWEEN date_add('minute', -5, i.eventTime) AND date_add('minute', 5, i.eventTime)
            WHERE i.insightState = 'Start' GROUP BY i.insightEventName, i.eventTime;
            """)
        #expect(q.columns == ["insightEventName", "eventTime", "calls"])
        #expect(q.sql.contains("LEFT JOIN (SELECT * FROM lake_event WHERE eds_id = $"))
        #expect(q.sql.contains("#>> '{insightDetails,eventName}'") && q.sql.contains("#>> '{insightDetails,state}'"))
        #expect(q.sql.contains(#"("t2"."event_time" BETWEEN"#))
        #expect(q.hasBound(i) && q.hasBound(a), "each store binds its own id")
    }

    @Test func q11OrdersAndLimitsAUnionOfTwoStoresAsAWhole() throws {
        let q = try LakeFixtures.compile(
            "SELECT eventID, eventName FROM \(a) UNION ALL SELECT eventID, eventName FROM \(b) ORDER BY eventID LIMIT 10;")
        #expect(q.columns == ["eventID", "eventName"])
        #expect(q.sql.contains(") UNION ALL ("))
        #expect(q.sql.contains(#"ORDER BY "q0"."c0" COLLATE "C" ASC NULLS LAST LIMIT $"#), "varchar sorts by code point")
    }

    @Test func q12ComparesWithASubqueryOverNestedJSON() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventName, count(*) FROM \(a) WHERE userIdentity.accessKeyId IN (
              SELECT json_extract_scalar(element_at(responseElements, 'accessKey'), '$.accessKeyId') FROM \(a) WHERE eventName = 'CreateAccessKey')
            GROUP BY eventName;
            """)
        #expect(q.columns == ["eventName", "_col1"])
        #expect(q.sql.contains(#"("t1"."access_key_id" IN (SELECT cairn_lake_scalar("#))
        #expect(q.hasBound("accessKey") && q.hasBound("accessKeyId"))
    }

    @Test func q13CountsDistinctValuesPerISODayOfWeek() throws {
        let q = try LakeFixtures.compile(
            "SELECT day_of_week(eventTime) AS dow, approx_distinct(sourceIPAddress) AS ips FROM \(a) WHERE eventTime > '2024-01-01 00:00:00' GROUP BY 1;"
        )
        #expect(q.columns == ["dow", "ips"])
        #expect(q.sql.contains("EXTRACT(ISODOW FROM") && q.sql.contains("count(DISTINCT (\"t1\".\"record\" ->> 'sourceIPAddress'))"))
    }

    @Test func q14PicksTheValueAtTheLatestTimePerGroup() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT element_at(requestParameters, 'targetKeyId') AS key_id, max_by(element_at(requestParameters, 'aliasName'), eventTime) AS latest_alias
            FROM \(a) WHERE eventSource = 'kms.amazonaws.com' AND eventName IN ('CreateAlias', 'UpdateAlias') GROUP BY 1;
            """)
        #expect(q.columns == ["key_id", "latest_alias"])
        #expect(q.sql.contains("array_agg(cairn_lake_text(") && q.sql.contains("DESC) FILTER (WHERE"))
        #expect(q.sql.contains(#""event_name" IN ($"#) && q.hasBound("CreateAlias") && q.hasBound("UpdateAlias"))
        let groupBy = try #require(q.sql.range(of: "GROUP BY ")).upperBound
        let key = q.sql[groupBy...].replacingOccurrences(of: ") AS \"q0\"", with: "")
        #expect(q.sql.contains("(SELECT \(key) AS \"c0\""), "the ordinal groups by the select item itself, with the same parameter")
    }

    @Test func q15ReadsAnIntegrationStoreThroughEventDataAndMetadata() throws {
        let q = try LakeFixtures.compile(
            """
            SELECT eventData.eventName, eventData.userIdentity.principalId, element_at(eventData.requestParameters, 'repo'), metadata.channelArn
            FROM \(LakeFixtures.integration) WHERE eventData.eventSource = 'github.com' AND regexp_like(eventData.eventName, '^repo\\.');
            """)
        #expect(q.columns == ["eventName", "principalId", "_col2", "channelArn"])
        #expect(q.sql.contains("#>> '{eventData,eventName}'") && q.sql.contains("#>> '{eventData,userIdentity,principalId}'"))
        #expect(q.sql.contains("#>> '{metadata,channelARN}'"))
        #expect(q.sql.contains(" ~ $") && q.binds.contains(.text("^repo\\.")))
        #expect(!q.sql.contains("event_name"), "integration stores have no typed columns")
    }
}
