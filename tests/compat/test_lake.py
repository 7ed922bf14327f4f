"""CloudTrail Lake through boto3 and the aws CLI: event data stores, and SQL queries over them that run in the
background (ClientCompatibilityTests sets CAIRN_LAKE_QUERY_TIMEOUT_SECONDS=4). Each hostile statement is refused
with a clear error and reads nothing."""
import json
import time

import botocore.exceptions
import pytest

from trail_support import Account, cli

NAMES = ["CreateTrail", "AddTags", "AddTags", "AddTags", "StartLogging"]


def store_id(arn):
    return arn.rsplit("/", 1)[-1]


def wait_done(ct, query_id, seconds=30):
    deadline = time.time() + seconds
    while True:
        described = ct.describe_query(QueryId=query_id)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") or time.time() > deadline:
            return described
        time.sleep(0.3)


def refused(call, code):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        call()
    assert e.value.response["Error"]["Code"] == code, e.value.response
    return e.value.response["Error"]["Message"]


@pytest.fixture(scope="module")
def lake(client_factory):
    """An account with a store that collects its management events, and a few known calls made after it."""
    a = Account(client_factory, prefix="lake")
    ct = a.ct()
    arn = ct.create_event_data_store(Name="audit", TerminationProtectionEnabled=False, RetentionPeriod=30)["EventDataStoreArn"]
    trail = a.create("lake-trail")["TrailARN"]
    for i in range(3):
        ct.add_tags(ResourceId=trail, TagsList=[{"Key": f"k{i}", "Value": "v"}])
    ct.start_logging(Name=trail)
    return a, arn


def test_a_store_lives_through_boto3_create_update_stop_start_delete_and_restore(client_factory):
    a = Account(client_factory, prefix="lake")
    ct = a.ct()
    created = ct.create_event_data_store(Name="lifecycle", TagsList=[{"Key": "team", "Value": "audit"}])
    arn = created["EventDataStoreArn"]
    assert created["Status"] == "ENABLED" and created["RetentionPeriod"] == 366 and created["TagsList"] == [{"Key": "team", "Value": "audit"}]
    assert ct.get_event_data_store(EventDataStore=store_id(arn))["Name"] == "lifecycle"
    assert [s["Name"] for s in ct.list_event_data_stores(MaxResults=1)["EventDataStores"]] == ["lifecycle"]
    updated = ct.update_event_data_store(EventDataStore=arn, RetentionPeriod=90, TerminationProtectionEnabled=False)
    assert updated["RetentionPeriod"] == 90 and updated["TerminationProtectionEnabled"] is False
    ct.stop_event_data_store_ingestion(EventDataStore=arn)
    assert ct.get_event_data_store(EventDataStore=arn)["Status"] == "STOPPED_INGESTION"
    refused(lambda: ct.stop_event_data_store_ingestion(EventDataStore=arn), "InvalidEventDataStoreStatusException")
    ct.start_event_data_store_ingestion(EventDataStore=arn)
    ct.delete_event_data_store(EventDataStore=arn)
    assert ct.get_event_data_store(EventDataStore=arn)["Status"] == "PENDING_DELETION"
    assert ct.restore_event_data_store(EventDataStore=arn)["Status"] == "ENABLED"
    refused(lambda: ct.get_event_data_store(EventDataStore="arn:aws:cloudtrail:us-east-1:000000000000:eventdatastore/x"),
            "EventDataStoreARNInvalidException")
    _, out, _ = cli(a, "list-event-data-stores")
    assert [s["Name"] for s in out["EventDataStores"]] == ["lifecycle"]


def test_a_group_by_query_counts_the_calls_the_account_made(lake):
    a, arn = lake
    ct = a.ct()
    statement = (f"SELECT eventName, count(*) AS calls FROM {store_id(arn)} "
                 f"WHERE eventSource = 'cloudtrail.amazonaws.com' AND eventName IN ('AddTags', 'StartLogging') "
                 f"GROUP BY eventName ORDER BY calls DESC")
    query_id = ct.start_query(QueryStatement=statement)["QueryId"]
    described = wait_done(ct, query_id)
    assert described["QueryStatus"] == "FINISHED", described
    assert described["QueryString"] == statement and described["QueryStatistics"]["EventsScanned"] >= 4
    results = ct.get_query_results(QueryId=query_id)
    assert results["QueryResultRows"] == [[{"eventName": "AddTags"}, {"calls": "3"}], [{"eventName": "StartLogging"}, {"calls": "1"}]]
    assert results["QueryStatistics"]["TotalResultsCount"] == 2
    # Paging: one row a page, the token carrying on.
    first = ct.get_query_results(QueryId=query_id, MaxQueryResults=1)
    second = ct.get_query_results(QueryId=query_id, MaxQueryResults=1, NextToken=first["NextToken"])
    assert first["QueryResultRows"] + second["QueryResultRows"] == results["QueryResultRows"] and "NextToken" not in second
    listed = ct.list_queries(EventDataStore=arn)["Queries"]
    assert any(q["QueryId"] == query_id and q["QueryStatus"] == "FINISHED" for q in listed)
    refused(lambda: ct.cancel_query(QueryId=query_id), "InactiveQueryException")


def test_the_cli_starts_a_query_and_reads_its_results(lake):
    a, arn = lake
    statement = f"SELECT eventTime, eventName, userIdentity.accountId FROM {store_id(arn)} WHERE eventName = 'CreateTrail' LIMIT 5"
    _, started, _ = cli(a, "start-query", "--query-statement", statement)
    wait_done(a.ct(), started["QueryId"])
    _, out, _ = cli(a, "get-query-results", "--query-id", started["QueryId"])
    rows = out["QueryResultRows"]
    assert len(rows) == 1 and rows[0][1] == {"eventName": "CreateTrail"} and rows[0][2] == {"accountId": a.id}
    assert list(rows[0][0].keys()) == ["eventTime"] and len(rows[0][0]["eventTime"]) == len("2026-12-01 00:00:00.000")


@pytest.mark.parametrize("statement", [
    "SELECT eventName FROM {id}; DROP TABLE events",
    "DELETE FROM {id}",
    "SELECT * FROM pg_catalog.pg_class",
    "SELECT * FROM information_schema.tables",
    "SELECT * FROM events",
    "SELECT pg_sleep(30) FROM {id}",
    "SELECT pg_read_file('/etc/passwd') FROM {id}",
    "SELECT current_setting('cairn.lake_accounts') FROM {id}",
    "SELECT set_config('cairn.lake_accounts', '1', true) FROM {id}",
    "SELECT eventName FROM {id} WHERE eventName = $$x$$",
    "SELECT eventName::text FROM {id}",
    "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT n FROM r",
    "SELECT nosuchcolumn FROM {id}",
    "SELECT eventName FROM {id} WHERE eventTime > 'not a time'",
    "SELECT eventName FROM {id} WHERE eventName = 'unterminated",
])
def test_hostile_statements_are_refused_and_queue_nothing(lake, statement):
    a, arn = lake
    ct = a.ct()
    before = len(ct.list_queries(EventDataStore=arn)["Queries"])
    refused(lambda: ct.start_query(QueryStatement=statement.format(id=store_id(arn))), "InvalidQueryStatementException")
    assert len(ct.list_queries(EventDataStore=arn)["Queries"]) == before


def test_a_comment_hides_nothing_it_is_only_skipped(lake):
    a, arn = lake
    ct = a.ct()
    query_id = ct.start_query(QueryStatement=f"SELECT eventName FROM {store_id(arn)} WHERE eventName = 'x' -- ' OR 1=1")["QueryId"]
    assert wait_done(ct, query_id)["QueryStatus"] == "FINISHED"
    assert ct.get_query_results(QueryId=query_id)["QueryResultRows"] == []


def test_a_statement_over_ten_thousand_characters_is_refused(lake):
    a, arn = lake
    long = f"SELECT eventName FROM {store_id(arn)} WHERE " + " OR ".join(["eventName = 'x'"] * 700)
    assert len(long) > 10_000
    refused(lambda: a.ct().start_query(QueryStatement=long), "InvalidQueryStatementException")


def test_another_accounts_store_cannot_be_read(lake, client_factory):
    _, arn = lake
    stranger = Account(client_factory, prefix="stranger")
    refused(lambda: stranger.ct().start_query(QueryStatement=f"SELECT eventName FROM {store_id(arn)}"), "EventDataStoreNotFoundException")
    refused(lambda: stranger.ct().list_queries(EventDataStore=arn), "EventDataStoreARNInvalidException")


def test_a_store_holds_only_its_own_accounts_events(lake, client_factory):
    a, arn = lake
    other = Account(client_factory, prefix="lake-other")
    other.create("other-trail")
    ct = a.ct()
    query_id = ct.start_query(QueryStatement=f"SELECT DISTINCT recipientAccountId FROM {store_id(arn)}")["QueryId"]
    assert wait_done(ct, query_id)["QueryStatus"] == "FINISHED"
    assert ct.get_query_results(QueryId=query_id)["QueryResultRows"] == [[{"recipientAccountId": a.id}]]


def test_a_runaway_query_times_out_while_the_service_keeps_answering(lake):
    a, arn = lake
    ct = a.ct()
    sid = store_id(arn)
    statement = (f"SELECT count(*) FROM {sid} a CROSS JOIN {sid} b CROSS JOIN {sid} c CROSS JOIN {sid} d "
                 f"CROSS JOIN {sid} e CROSS JOIN {sid} f CROSS JOIN {sid} g")
    query_id = ct.start_query(QueryStatement=statement)["QueryId"]
    answered = 0
    deadline = time.time() + 30
    while time.time() < deadline:
        ct.describe_trails()
        answered += 1
        status = ct.describe_query(QueryId=query_id)["QueryStatus"]
        if status not in ("QUEUED", "RUNNING"):
            break
        time.sleep(0.2)
    described = ct.describe_query(QueryId=query_id)
    assert described["QueryStatus"] == "TIMED_OUT", described
    assert answered >= 5
    assert ct.get_query_results(QueryId=query_id)["QueryResultRows"] == []


def test_cancelling_a_query_ends_it_and_a_second_cancel_is_refused(lake):
    a, arn = lake
    ct = a.ct()
    sid = store_id(arn)
    query_id = ct.start_query(QueryStatement=f"SELECT count(*) FROM {sid} a CROSS JOIN {sid} b CROSS JOIN {sid} c CROSS JOIN {sid} d "
                                             f"CROSS JOIN {sid} e CROSS JOIN {sid} f")["QueryId"]
    assert ct.cancel_query(QueryId=query_id)["QueryStatus"] == "CANCELLED"
    refused(lambda: ct.cancel_query(QueryId=query_id), "InactiveQueryException")
    time.sleep(5)
    assert ct.describe_query(QueryId=query_id)["QueryStatus"] == "CANCELLED"
    refused(lambda: ct.describe_query(QueryId="00000000-0000-4000-8000-000000000000"), "QueryIdNotFoundException")


def test_sample_queries_are_searched_by_phrase_and_each_runs(lake):
    a, arn = lake
    ct = a.ct()
    found = ct.search_sample_queries(SearchPhrase="root user activity", MaxResults=3)
    assert found["SearchResults"][0]["Name"] == "Root user activity"
    assert all(0 < r["Relevance"] <= 1 for r in found["SearchResults"])
    sql = found["SearchResults"][0]["SQL"].replace("$EDS_ID", store_id(arn))
    assert wait_done(ct, ct.start_query(QueryStatement=sql)["QueryId"])["QueryStatus"] == "FINISHED"
    refused(lambda: ct.search_sample_queries(SearchPhrase="\t\t"), "InvalidParameterException")


def test_a_dashboard_refresh_runs_each_widget_found_by_alias_and_refresh_id(lake):
    a, arn = lake
    ct = a.ct()
    widget = {"QueryStatement": f"SELECT eventName, count(*) AS calls FROM {store_id(arn)} WHERE eventTime > '?' GROUP BY eventName",
              "QueryParameters": ["$StartTime$"], "ViewProperties": {"View": "Table"}}
    created = ct.create_dashboard(Name="boto-dash", Widgets=[widget])
    alias = created["Widgets"][0]["QueryAlias"]
    assert [d["DashboardArn"] for d in ct.list_dashboards()["Dashboards"]] == [created["DashboardArn"]]
    refresh = ct.start_dashboard_refresh(DashboardId="boto-dash", QueryParameterValues={"$StartTime$": "2020-01-01 00:00:00"})["RefreshId"]
    deadline = time.time() + 30
    while True:
        described = ct.describe_query(QueryAlias=alias, RefreshId=refresh)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") or time.time() > deadline:
            break
        time.sleep(0.3)
    assert described["QueryStatus"] == "FINISHED", described
    rows = ct.get_query_results(QueryId=described["QueryId"])["QueryResultRows"]
    assert any(r[0] == {"eventName": "CreateDashboard"} for r in rows)
    assert ct.get_dashboard(DashboardId=created["DashboardArn"])["LastRefreshId"] == refresh
    ct.delete_dashboard(DashboardId="boto-dash")
    refused(lambda: ct.get_dashboard(DashboardId="boto-dash"), "ResourceNotFoundException")


def test_results_delivered_to_a_bucket_are_signed_with_the_regions_public_key(lake):
    import base64
    import csv
    import gzip
    import hashlib
    import io
    import os
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    a, arn = lake
    ct = a.ct()
    statement = f"SELECT eventName, count(*) AS calls FROM {store_id(arn)} WHERE eventName = 'AddTags' GROUP BY eventName"
    query_id = ct.start_query(QueryStatement=statement, DeliveryS3Uri="s3://lake-results/exports")["QueryId"]
    deadline = time.time() + 30
    while True:
        described = ct.describe_query(QueryId=query_id)
        if described.get("DeliveryStatus") not in (None, "PENDING") or time.time() > deadline:
            break
        time.sleep(0.3)
    assert described["QueryStatus"] == "FINISHED" and described["DeliveryStatus"] == "SUCCESS", described
    assert described["DeliveryS3Uri"] == "s3://lake-results/exports"
    root = os.path.join(os.environ["CAIRN_DATA_DIR"], "buckets", "lake-results", "exports", "AWSLogs", a.id, "CloudTrail-Lake", "Query")
    folders = [d for d, _, files in os.walk(root) if d.endswith(query_id)]
    assert len(folders) == 1, folders
    with open(os.path.join(folders[0], "result_1.csv.gz"), "rb") as f:
        compressed = f.read()
    assert list(csv.reader(io.StringIO(gzip.decompress(compressed).decode()))) == [["eventName", "calls"], ["AddTags", "3"]]
    with open(os.path.join(folders[0], "result_sign.json")) as f:
        sign = json.load(f)
    assert sign["files"] == [{"fileHashValue": hashlib.sha256(compressed).hexdigest(), "fileName": "result_1.csv.gz"}]
    assert sign["hashAlgorithm"] == "SHA-256" and sign["signatureAlgorithm"] == "SHA256withRSA"
    keys = ct.list_public_keys()["PublicKeyList"]
    key = next(k for k in keys if k["Fingerprint"] == sign["publicKeyFingerprint"])
    # ListPublicKeys gives the key as PKCS#1 DER, as CloudTrail's do.
    pem = b"-----BEGIN RSA PUBLIC KEY-----\n" + base64.encodebytes(key["Value"]) + b"-----END RSA PUBLIC KEY-----\n"
    public = serialization.load_pem_public_key(pem)
    signed = " ".join(f["fileHashValue"] for f in sign["files"]).encode()
    public.verify(bytes.fromhex(sign["hashSignature"]), signed, padding.PKCS1v15(), hashes.SHA256())
    refused(lambda: ct.start_query(QueryStatement=statement, DeliveryS3Uri="s3://Bad_Bucket/x"), "InvalidS3BucketNameException")


def test_an_import_copies_a_trails_delivered_files_into_a_store(client_factory):
    import os

    a = Account(client_factory, prefix="lake-import")
    ct = a.ct()
    trail = a.create("import-trail", S3BucketName="lake-import-logs")["TrailARN"]
    ct.start_logging(Name=trail)
    ct.add_tags(ResourceId=trail, TagsList=[{"Key": "imported", "Value": "yes"}])
    folder = os.path.join(os.environ["CAIRN_DATA_DIR"], "buckets", "lake-import-logs", "AWSLogs", a.id)
    deadline = time.time() + 30
    while time.time() < deadline and not any(f.endswith(".json.gz") for _, _, files in os.walk(folder) for f in files):
        time.sleep(0.5)
    arn = ct.create_event_data_store(Name="imported", TerminationProtectionEnabled=False)["EventDataStoreArn"]
    started = ct.start_import(Destinations=[arn], ImportSource={"S3": {
        "S3LocationUri": f"s3://lake-import-logs/AWSLogs/{a.id}", "S3BucketRegion": "us-east-1",
        "S3BucketAccessRoleArn": f"arn:aws:iam::{a.id}:role/import"}})
    deadline = time.time() + 30
    while True:
        got = ct.get_import(ImportId=started["ImportId"])
        if got["ImportStatus"] not in ("INITIALIZING", "IN_PROGRESS") or time.time() > deadline:
            break
        time.sleep(0.5)
    assert got["ImportStatus"] == "COMPLETED" and got["ImportStatistics"]["EventsCompleted"] >= 1, got
    query_id = ct.start_query(QueryStatement=f"SELECT count(*) AS n FROM {store_id(arn)} WHERE eventName = 'AddTags'")["QueryId"]
    assert wait_done(ct, query_id)["QueryStatus"] == "FINISHED"
    assert ct.get_query_results(QueryId=query_id)["QueryResultRows"] == [[{"n": "1"}]]
    assert [i["ImportId"] for i in ct.list_imports(Destination=arn)["Imports"]] == [started["ImportId"]]


def test_a_store_policy_lets_another_account_query_it_with_boto3(lake, client_factory):
    a, arn = lake
    partner = Account(client_factory, prefix="lake-partner")
    statement = f"SELECT eventName, count(*) AS calls FROM {store_id(arn)} WHERE eventName = 'AddTags' GROUP BY eventName"
    refused(lambda: partner.ct().start_query(QueryStatement=statement, EventDataStoreOwnerAccountId=a.id), "AccessDeniedException")
    policy = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{partner.id}:root"},
        "Action": ["cloudtrail:StartQuery", "cloudtrail:DescribeQuery", "cloudtrail:GetQueryResults"], "Resource": arn}]})
    a.ct().put_resource_policy(ResourceArn=arn, ResourcePolicy=policy)
    assert a.ct().get_resource_policy(ResourceArn=arn)["ResourcePolicy"] == policy
    started = partner.ct().start_query(QueryStatement=statement, EventDataStoreOwnerAccountId=a.id)
    assert started["EventDataStoreOwnerAccountId"] == a.id
    deadline = time.time() + 30
    while True:
        described = partner.ct().describe_query(QueryId=started["QueryId"], EventDataStoreOwnerAccountId=a.id)
        if described["QueryStatus"] not in ("QUEUED", "RUNNING") or time.time() > deadline:
            break
        time.sleep(0.3)
    assert described["QueryStatus"] == "FINISHED", described
    rows = partner.ct().get_query_results(QueryId=started["QueryId"], EventDataStoreOwnerAccountId=a.id)["QueryResultRows"]
    assert rows == [[{"eventName": "AddTags"}, {"calls": "3"}]]
    a.ct().delete_resource_policy(ResourceArn=arn)
    refused(lambda: partner.ct().start_query(QueryStatement=statement, EventDataStoreOwnerAccountId=a.id), "AccessDeniedException")


def test_federation_and_generated_queries_through_the_cli(lake):
    a, arn = lake
    trust = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "lakeformation.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
    role = a.iam.create_role(RoleName="lake-federation", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    _, enabled, _ = cli(a, "enable-federation", "--event-data-store", arn, "--federation-role-arn", role)
    assert enabled == {"EventDataStoreArn": arn, "FederationStatus": "ENABLED", "FederationRoleArn": role}
    got = a.ct().get_event_data_store(EventDataStore=arn)
    assert got["FederationStatus"] == "ENABLED" and got["FederationRoleArn"] == role
    refused(lambda: a.ct().delete_event_data_store(EventDataStore=arn), "EventDataStoreFederationEnabledException")
    _, disabled, _ = cli(a, "disable-federation", "--event-data-store", arn)
    assert disabled == {"EventDataStoreArn": arn, "FederationStatus": "DISABLED"}

    _, generated, _ = cli(a, "generate-query", "--event-data-stores", arn, "--prompt", "What are the top 5 API calls today?")
    assert f"FROM {store_id(arn)}" in generated["QueryStatement"] and generated["QueryStatement"].endswith("LIMIT 5"), generated
    started = a.ct().start_query(QueryAlias=generated["QueryAlias"])
    described = wait_done(a.ct(), started["QueryId"])
    assert described["QueryStatus"] == "FINISHED" and described["Prompt"] == "What are the top 5 API calls today?", described
    rows = a.ct().get_query_results(QueryId=started["QueryId"])["QueryResultRows"]
    counts = [int(r[1]["events"]) for r in rows]
    assert 0 < len(rows) <= 5 and all(list(r[0]) == ["event_name"] for r in rows) and counts == sorted(counts, reverse=True), rows
    refused(lambda: a.ct().generate_query(EventDataStores=[arn], Prompt="hello there"), "GenerateResponseException")


def test_insights_on_a_store_name_their_destination_with_boto3(client_factory):
    a = Account(client_factory, prefix="lake-insights")
    ct = a.ct()
    source = ct.create_event_data_store(Name="source", TerminationProtectionEnabled=False)["EventDataStoreArn"]
    destination = ct.create_event_data_store(
        Name="insights", TerminationProtectionEnabled=False,
        AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Insight"]}]}])["EventDataStoreArn"]
    selectors = [{"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight"}]
    refused(lambda: ct.put_insight_selectors(EventDataStore=source, InsightSelectors=selectors), "InvalidParameterCombinationException")
    put = ct.put_insight_selectors(EventDataStore=source, InsightsDestination=destination, InsightSelectors=selectors)
    assert put["EventDataStoreArn"] == source and put["InsightsDestination"] == destination and "TrailARN" not in put
    got = ct.get_insight_selectors(EventDataStore=store_id(source))
    assert [s["InsightType"] for s in got["InsightSelectors"]] == ["ApiCallRateInsight", "ApiErrorRateInsight"]
    assert got["InsightsDestination"] == destination
    ct.put_insight_selectors(EventDataStore=source, InsightSelectors=[])
    refused(lambda: ct.get_insight_selectors(EventDataStore=source), "InsightNotEnabledException")
